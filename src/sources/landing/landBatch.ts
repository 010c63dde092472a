import type { Knex } from 'knex';
import { copyLine } from '../../db/copyText.js';
import { copyLines } from '../../db/copyLines.js';
import { withConnection } from '../../db/withConnection.js';
import type { LandingReject, LandingRow } from '../connector.js';
import { checkLandingRow } from './checkLandingRow.js';
import { COMMON_LANDING_COLUMNS, LANDING_ENTITIES, type LandingEntity } from './landingEntities.js';
import type { LandingSuppression } from './landingSuppression.js';

export interface LandedCounts {
  landed: number;
  rejected: number;
}

const REJECT_COLUMNS = ['run_id', 'source', 'source_object', 'position', 'reason_code', 'detail', 'original'] as const;

/**
 * Writes one batch inside the caller's transaction: rows are checked, grouped by entity, COPYed
 * and upserted on (run_id, source, source_object, source_id), so a batch written twice in one run
 * lands once. Rows that fail the check, or belong to a suppressed person, join the batch's rejects.
 */
export async function landBatch(
  trx: Knex.Transaction,
  target: { runId: string; source: string },
  rows: readonly LandingRow[],
  rejects: readonly LandingReject[],
  suppression?: LandingSuppression,
): Promise<LandedCounts> {
  const allRejects = [...rejects];
  const byEntity = new Map<LandingEntity, Map<string, string>>();
  let keyless = 0;
  for (const row of rows) {
    const suppressed = suppression?.rejectFor(target.source, row);
    if (suppressed) {
      allRejects.push(suppressed);
      continue;
    }
    const checked = checkLandingRow(row);
    if ('reject' in checked) {
      allRejects.push(checked.reject);
      continue;
    }
    const line = copyLine([
      target.runId, target.source, row.sourceObject, row.sourceId, row.modifiedAt === null ? null : new Date(row.modifiedAt).toISOString(),
      row.position, row.record === null ? null : JSON.stringify(row.record), ...checked.values,
    ]);
    let lines = byEntity.get(row.entity);
    if (!lines) byEntity.set(row.entity, (lines = new Map()));
    // A record seen twice in one batch (changed while paging) lands once: the later copy wins.
    const key = LANDING_ENTITIES[row.entity].keyed ? `${row.sourceObject}\u0000${row.sourceId}` : String(keyless++);
    lines.set(key, line);
  }
  // Counted before de-duplication: records read = landed + rejected holds per batch.
  const landed = rows.length - (allRejects.length - rejects.length);
  await withConnection(trx, async (connection) => {
    for (const [entity, lines] of byEntity) {
      await writeEntity(connection, entity, [...lines.values()]);
    }
    if (allRejects.length > 0) {
      await copyLines(
        connection,
        `copy raw.rejects (${REJECT_COLUMNS.join(', ')}) from stdin`,
        allRejects.map((r) => copyLine([target.runId, target.source, r.sourceObject, r.position, r.reasonCode, r.detail, r.original])),
      );
    }
  });
  return { landed, rejected: allRejects.length };
}

async function writeEntity(connection: Parameters<Parameters<typeof withConnection>[1]>[0], entity: LandingEntity, lines: string[]) {
  const spec = LANDING_ENTITIES[entity];
  // extracted_at is left to its default: the time of the transaction that landed the row.
  const columns = [...COMMON_LANDING_COLUMNS.filter((c) => c !== 'extracted_at'), ...Object.keys(spec.columns)];
  const columnList = columns.join(', ');
  if (!spec.keyed) {
    await copyLines(connection, `copy ${spec.table} (${columnList}) from stdin`, lines);
    return;
  }
  const staging = `landing_${entity}`;
  await connection.query(`create temp table ${staging} (like ${spec.table} including defaults) on commit drop`);
  await copyLines(connection, `copy ${staging} (${columnList}) from stdin`, lines);
  const updates = columns
    .filter((c) => !['run_id', 'source', 'source_object', 'source_id'].includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  await connection.query(
    `insert into ${spec.table} (${columnList}) select ${columnList} from ${staging}
     on conflict (run_id, source, source_object, source_id) do update set ${updates}`,
  );
  await connection.query(`drop table ${staging}`);
}
