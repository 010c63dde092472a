import type { Knex } from 'knex';
import { copyLines } from '../../src/db/copyLines.js';
import { withConnection } from '../../src/db/withConnection.js';
import { SCALE_TABLES, type ScaleSpec } from './scaleRecords.js';

export interface Landed {
  seconds: number;
  rows: Record<string, number>;
}

/** Customers per COPY: small enough to spread over both connections, large enough to keep COPY streaming. */
const CHUNK_CUSTOMERS = 250_000;

/**
 * COPYs the whole population into raw.* under the landing run id, two COPY streams at a time
 * (one per core), then VACUUM ANALYZE and CHECKPOINT so the run starts from data at rest, as a
 * nightly run finds it: statistics gathered, hint bits set, nothing left to write back.
 */
export async function landScaleData(db: Knex, spec: ScaleSpec, log: (line: string) => void): Promise<Landed> {
  const started = performance.now();
  const tasks = SCALE_TABLES.flatMap((table) => {
    const chunks = [];
    for (let from = 0; from < spec.customers; from += CHUNK_CUSTOMERS) chunks.push({ table, from, to: Math.min(spec.customers, from + CHUNK_CUSTOMERS) });
    return chunks;
  });
  let next = 0;
  const copyNext = async (): Promise<void> => {
    while (next < tasks.length) {
      const { table, from, to } = tasks[next++]!;
      await withConnection(db, (connection) => copyLines(connection, table.copySql, table.lines(spec, from, to)));
    }
  };
  await Promise.all([copyNext(), copyNext()]);
  const copied = performance.now();
  log(`landed in ${((copied - started) / 1000).toFixed(1)} s; vacuum analyze`);
  const tables = SCALE_TABLES.map((t) => t.name);
  await db.raw(`vacuum analyze ${tables.join(', ')}`);
  await db.raw('checkpoint');
  const rows: Record<string, number> = {};
  for (const table of tables) {
    const result = await db.raw<{ rows: Array<{ n: number }> }>(`select count(*) as n from ${table}`);
    rows[table] = Number(result.rows[0]!.n);
  }
  return { seconds: (performance.now() - started) / 1000, rows };
}
