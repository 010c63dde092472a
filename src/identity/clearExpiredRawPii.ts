import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { LANDING_ENTITIES } from '../sources/landing/landingEntities.js';

// Mapped columns that hold a person's own values; ids, countries and company names stay.
const PERSONAL_COLUMNS = ['email', 'phone', 'first_name', 'last_name'];

/**
 * Raw PII retention (SEGFLOW_RAW_RETENTION_DAYS): clears `record` and the personal columns of
 * landed rows extracted more than `days` ago, and the original text of rejects from runs started
 * that long ago; ids and typed facts stay, so counts and joins still hold. One transaction, with
 * an audit row. Returns table → rows cleared.
 */
export async function clearExpiredRawPii(db: Knex, days: number): Promise<Record<string, number>> {
  return db.transaction(async (trx) => {
    await trx.raw("select pg_advisory_xact_lock(hashtextextended('segflow:forget', 0))");
    const counts: Record<string, number> = {};
    for (const spec of Object.values(LANDING_ENTITIES)) {
      const personal = PERSONAL_COLUMNS.filter((c) => Object.hasOwn(spec.columns, c));
      const cleared = await trx.raw<{ rowCount: number }>(
        `update ${spec.table}
         set ${['record', ...personal].map((c) => `${c} = null`).join(', ')}
         where extracted_at < now() - make_interval(days => :days)
           and (${['record', ...personal].map((c) => `${c} is not null`).join(' or ')})`,
        { days },
      );
      if (cleared.rowCount > 0) counts[spec.table] = cleared.rowCount;
    }
    const rejects = await trx.raw<{ rowCount: number }>(
      `update raw.rejects
       set original = null, detail = null
       where (original is not null or detail is not null)
         and run_id in (select run_id from segflow.runs where started_at < now() - make_interval(days => :days))`,
      { days },
    );
    if (rejects.rowCount > 0) counts['raw.rejects'] = rejects.rowCount;
    if (Object.keys(counts).length > 0) {
      await trx('segflow.erasures').insert({ erasure_id: randomUUID(), requested_as: 'expired', row_counts: JSON.stringify(counts) });
    }
    return counts;
  });
}
