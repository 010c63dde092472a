import { Context } from '@temporalio/activity';
import { loadLandingSuppression } from '../src/identity/loadLandingSuppression.js';
import { loadSourcesFile } from '../src/sources/config/loadSourcesFile.js';
import { extractObject, type ExtractProgress } from '../src/sources/extractObject.js';
import { isBulkLoading } from '../src/sources/files/bulk/bulkLoadingConnector.js';
import { UserFacingError } from '../src/userFacingError.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, ExtractObjectInput, ExtractObjectResult } from './types.js';

/**
 * Lands one object of one source for the run. Batches commit with their cursor and the cursor is
 * heartbeated, so a retry after a worker crash resumes where the last committed batch ended.
 */
export function makeExtractSourceObject({ db, sourceEnv, piiKey }: ActivityDeps) {
  return async function extractSourceObject(input: ExtractObjectInput): Promise<ExtractObjectResult> {
    return runStage(async (progress) => {
      const { connectors } = await loadSourcesFile(input.sourcesFile, sourceEnv);
      const connector = connectors.find((c) => c.name === input.source);
      if (!connector) {
        throw new UserFacingError(`source "${input.source}" is no longer in ${input.sourcesFile}`, 'restore it, or start a new run');
      }
      const request = {
        db,
        runId: input.runId,
        object: input.object,
        fullRefresh: input.fullRefresh,
        signal: Context.current().cancellationSignal,
        onProgress: (p: ExtractProgress) => progress({ source: p.source, object: p.object, cursor: p.cursor, recordsRead: p.recordsRead }),
      };
      // Large line files land by COPY; both paths keep the same checkpoints, so either can resume the other.
      // Bulk line files carry no email or phone, so only the record-by-record path consults the suppression list.
      const summary = isBulkLoading(connector)
        ? await connector.loadBulk(request)
        : await extractObject({ ...request, connector, suppression: await loadLandingSuppression(db, piiKey) });
      const { source, object, recordsRead, rowsLanded, rowsRejected, resumed } = summary;
      return { source, object, recordsRead, rowsLanded, rowsRejected, resumed };
    });
  };
}
