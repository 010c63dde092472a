import type { Knex } from 'knex';
import type { JsonValue, SourceConnector } from './connector.js';
import { advanceWatermark, maxHighWater, readCheckpoint, readWatermark, saveCheckpoint, type Checkpoint, type ObjectKey } from './extractCheckpoints.js';
import { landBatch } from './landing/landBatch.js';
import type { LandingSuppression } from './landing/landingSuppression.js';

export interface ObjectExtractSummary {
  source: string;
  object: string;
  recordsRead: number;
  rowsLanded: number;
  rowsRejected: number;
  /** Watermark the extract started from; null on a full refresh or the object's first extract. */
  startedFrom: string | null;
  resumed: boolean;
}

export interface ExtractProgress {
  source: string;
  object: string;
  cursor: JsonValue | null;
  recordsRead: number;
}

/**
 * Extracts one object of one source into raw.* for a run. Each batch commits together with its
 * cursor, so a retried attempt resumes after the last committed batch and every record lands once;
 * the watermark moves only when the whole object is done. Re-running a finished object is a no-op.
 */
export async function extractObject(params: {
  db: Knex;
  runId: string;
  connector: SourceConnector;
  object: string;
  fullRefresh: boolean;
  signal: AbortSignal;
  onProgress?: (progress: ExtractProgress) => void;
  /** People who must not land (after `segflow forget`); their records become `suppressed` rejects. */
  suppression?: LandingSuppression;
}): Promise<ObjectExtractSummary> {
  const { db, runId, connector, object, fullRefresh, signal, onProgress, suppression } = params;
  const key: ObjectKey = { runId, source: connector.name, object };
  const saved = await readCheckpoint(db, key);
  const startedFrom = fullRefresh ? null : await readWatermark(db, connector.name, object);
  const summary = (c: Checkpoint): ObjectExtractSummary => ({
    source: connector.name, object, recordsRead: c.recordsRead, rowsLanded: c.rowsLanded, rowsRejected: c.rowsRejected, startedFrom, resumed: saved !== null,
  });
  if (saved?.done) return summary(saved);

  let checkpoint: Checkpoint = saved ?? { cursor: null, recordsRead: 0, rowsLanded: 0, rowsRejected: 0, highWater: null, done: false };
  for await (const batch of connector.extract({ object, cursor: checkpoint.cursor, watermark: startedFrom, signal })) {
    checkpoint = await db.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${runId}:extract:${connector.name}:${object}`]);
      const counts = await landBatch(trx, { runId, source: connector.name }, batch.rows, batch.rejects, suppression);
      const next: Checkpoint = {
        cursor: batch.cursor,
        recordsRead: checkpoint.recordsRead + batch.recordsRead,
        rowsLanded: checkpoint.rowsLanded + counts.landed,
        rowsRejected: checkpoint.rowsRejected + counts.rejected,
        highWater: maxHighWater(checkpoint.highWater, batch.highWater),
        done: false,
      };
      await saveCheckpoint(trx, key, next);
      return next;
    });
    onProgress?.({ source: connector.name, object, cursor: checkpoint.cursor, recordsRead: checkpoint.recordsRead });
  }
  const finished: Checkpoint = { ...checkpoint, done: true };
  await db.transaction(async (trx) => {
    await saveCheckpoint(trx, key, finished);
    if (finished.highWater !== null) await advanceWatermark(trx, key, finished.highWater, fullRefresh);
  });
  return summary(finished);
}
