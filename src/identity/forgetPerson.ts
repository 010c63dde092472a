import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { UserFacingError } from '../userFacingError.js';
import { cleanEmail } from './cleanEmail.js';
import { CleaningCounts } from './cleaningCounts.js';
import { eraseRawRows } from './eraseRawRows.js';
import { eraseResolvedRows } from './eraseResolvedRows.js';
import { findForgetTargets, type ForgetRequest } from './forgetTargets.js';
import { createPseudonymiser } from './pseudonymise.js';
import { createSuppressionHasher, recordIdentity, referenceIdentity, type SuppressedKind } from './suppressionHash.js';

export interface ErasureReport {
  erasureId: string;
  /** Person and customer ids whose rows are gone. */
  customerIds: string[];
  /** Table → rows erased. */
  rowCounts: Record<string, number>;
  /** Rows added to raw.suppressed_identities. */
  suppressed: number;
}

const INSERT_ROWS = 1000;

/** Pseudonym columns other than core.identity_records' (which goes by member): a later stage keeping a hash must not keep the person's. */
async function eraseOtherHashes(trx: Knex.Transaction, hashes: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (hashes.length === 0) return counts;
  const columns = await trx.raw<{ rows: Array<{ table_schema: string; table_name: string; column_name: string }> }>(`
    select columns.table_schema, columns.table_name, columns.column_name
    from information_schema.columns as columns
    inner join information_schema.tables as tables using (table_schema, table_name)
    where tables.table_type = 'BASE TABLE' and columns.table_schema in ('core', 'segflow')
      and columns.column_name in ('email_hash', 'phone_hash', 'email_anagram_hash')
      and not (columns.table_schema = 'core' and columns.table_name = 'identity_records')
    order by 1, 2, 3`);
  for (const { table_schema: schema, table_name: name, column_name: column } of columns.rows) {
    const deleted = await trx.raw<{ rowCount: number }>(
      `delete from "${schema}"."${name}" where "${column}" in (select jsonb_array_elements_text(cast(:hashes as jsonb)))`,
      { hashes: JSON.stringify(hashes) },
    );
    if (deleted.rowCount > 0) counts[`${schema}.${name}`] = (counts[`${schema}.${name}`] ?? 0) + deleted.rowCount;
  }
  return counts;
}

async function suppress(trx: Knex.Transaction, erasureId: string, identities: Array<{ kind: SuppressedKind; hash: string }>): Promise<number> {
  const unique = [...new Map(identities.map((i) => [`${i.kind}\u0000${i.hash}`, i])).values()];
  let added = 0;
  for (let from = 0; from < unique.length; from += INSERT_ROWS) {
    const rows = unique.slice(from, from + INSERT_ROWS).map((i) => ({ identity_kind: i.kind, identity_hash: i.hash, reason: 'erasure', erasure_id: erasureId }));
    const inserted = await trx('raw.suppressed_identities').insert(rows).onConflict(['identity_kind', 'identity_hash']).ignore().returning('identity_hash');
    added += inserted.length;
  }
  return added;
}

/**
 * Erases one person from raw, core and segflow in one transaction, puts them on the suppression
 * list so later extracts reject them, and records an audit row without personal data. An address
 * found nowhere is still suppressed: asking to be forgotten holds for data not yet landed.
 */
export async function forgetPerson(db: Knex, request: ForgetRequest, piiKey: string): Promise<ErasureReport> {
  if ('email' in request && cleanEmail(request.email, new CleaningCounts()) === null) {
    throw new UserFacingError('--email is not an email address', 'give the address as the person wrote it, e.g. --email jane.doe@example.com');
  }
  const pseudonym = createPseudonymiser(piiKey);
  const suppressionHash = createSuppressionHasher(piiKey);
  return db.transaction(async (trx) => {
    // One erasure at a time: two overlapping requests would each see the other's rows half gone.
    await trx.raw("select pg_advisory_xact_lock(hashtextextended('segflow:forget', 0))");
    const erasureId = randomUUID();
    const targets = await findForgetTargets(trx, request, pseudonym);
    const references = await trx('forget_member_records').whereIn('member_kind', ['contact', 'lead', 'customer']).distinct<Array<{ source: string; source_id: string }>>('source', 'source_id');
    const raw = await eraseRawRows(trx);
    const emailHashes = targets.emails.map((e) => pseudonym('email', e));
    const phoneHashes = targets.phones.map((p) => pseudonym('phone', p));
    const resolved = await eraseResolvedRows(trx, { email: emailHashes, phone: phoneHashes });
    const hashed = await eraseOtherHashes(trx, [...emailHashes, ...phoneHashes]);
    const rowCounts = Object.fromEntries(Object.entries({ ...raw.counts, ...resolved.counts, ...hashed }).sort(([a], [b]) => a.localeCompare(b)));

    const suppressed = await suppress(trx, erasureId, [
      ...targets.emails.map((e) => ({ kind: 'email' as const, hash: suppressionHash('email', e) })),
      ...targets.phones.map((p) => ({ kind: 'phone' as const, hash: suppressionHash('phone', p) })),
      ...raw.records.map((r) => ({ kind: 'record' as const, hash: suppressionHash('record', recordIdentity(r.source, r.source_object, r.source_id)) })),
      ...references.map((r) => ({ kind: 'reference' as const, hash: suppressionHash('reference', referenceIdentity(r.source, r.source_id)) })),
    ]);
    const erased = Object.values(rowCounts).reduce((sum, n) => sum + n, 0);
    if (erased > 0 || suppressed > 0) {
      await trx('segflow.erasures').insert({
        erasure_id: erasureId,
        requested_as: 'email' in request ? 'email' : 'customer',
        customer_ids: resolved.customerIds,
        suppressed,
        row_counts: JSON.stringify(rowCounts),
      });
    }
    return { erasureId, customerIds: resolved.customerIds, rowCounts, suppressed };
  });
}
