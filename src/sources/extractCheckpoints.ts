import type { Knex } from 'knex';
import type { JsonValue } from './connector.js';

export interface ObjectKey {
  runId: string;
  source: string;
  object: string;
}

export interface Checkpoint {
  cursor: JsonValue | null;
  recordsRead: number;
  rowsLanded: number;
  rowsRejected: number;
  highWater: string | null;
  done: boolean;
}

const where = (key: ObjectKey) => ({ run_id: key.runId, source: key.source, source_object: key.object });

export async function readCheckpoint(db: Knex, key: ObjectKey): Promise<Checkpoint | null> {
  const row = await db('raw.extract_checkpoints').where(where(key)).first();
  if (!row) return null;
  return {
    cursor: row.cursor as JsonValue | null,
    recordsRead: Number(row.records_read),
    rowsLanded: Number(row.rows_landed),
    rowsRejected: Number(row.rows_rejected),
    highWater: row.high_water as string | null,
    done: Boolean(row.done),
  };
}

/** Saves progress in the transaction that landed the batch, so both commit or neither does. */
export async function saveCheckpoint(trx: Knex.Transaction, key: ObjectKey, checkpoint: Checkpoint): Promise<void> {
  await trx('raw.extract_checkpoints')
    .insert({
      ...where(key),
      cursor: JSON.stringify(checkpoint.cursor),
      records_read: checkpoint.recordsRead,
      rows_landed: checkpoint.rowsLanded,
      rows_rejected: checkpoint.rowsRejected,
      high_water: checkpoint.highWater,
      done: checkpoint.done,
      updated_at: trx.fn.now(),
    })
    .onConflict(['run_id', 'source', 'source_object'])
    .merge();
}

export async function readWatermark(db: Knex, source: string, object: string): Promise<string | null> {
  const row = await db('raw.source_watermarks').where({ source, source_object: object }).first('watermark');
  return (row?.watermark as string | undefined) ?? null;
}

/** Moves the watermark to `watermark`; never backwards unless a full refresh says so. */
export async function advanceWatermark(
  trx: Knex.Transaction,
  key: ObjectKey,
  watermark: string,
  fullRefresh: boolean,
): Promise<void> {
  const current = await trx('raw.source_watermarks').where({ source: key.source, source_object: key.object }).forUpdate().first('watermark');
  if (current && !fullRefresh && String(current.watermark) >= watermark) return;
  await trx('raw.source_watermarks')
    .insert({ source: key.source, source_object: key.object, watermark, advanced_in_run: key.runId, advanced_at: trx.fn.now() })
    .onConflict(['source', 'source_object'])
    .merge();
}

/** The larger of two high-water marks (compared as strings, as the connector contract says). */
export function maxHighWater(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}
