import type { Knex } from 'knex';
import type { SourceConnector } from '../../connector.js';
import type { ExtractProgress, ObjectExtractSummary } from '../../extractObject.js';

export interface BulkLoadRequest {
  db: Knex;
  runId: string;
  object: string;
  fullRefresh: boolean;
  signal: AbortSignal;
  onProgress?: (progress: ExtractProgress) => void;
}

/**
 * A connector whose objects can also land by bulk COPY (large order-line files). Its `extract`
 * still works under extractObject (the JavaScript path); `loadBulk` is the fast path, with the
 * same checkpoints, cursor shape and summary, so a run may resume on either path.
 */
export interface BulkLoadingConnector extends SourceConnector {
  loadBulk(request: BulkLoadRequest): Promise<ObjectExtractSummary>;
}

export function isBulkLoading(connector: SourceConnector): connector is BulkLoadingConnector {
  return typeof (connector as Partial<BulkLoadingConnector>).loadBulk === 'function';
}
