import { Context } from '@temporalio/activity';
import { loadSourcesFile } from '../src/sources/config/loadSourcesFile.js';
import { extractObject } from '../src/sources/extractObject.js';
import { UserFacingError } from '../src/userFacingError.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, ExtractObjectInput, ExtractObjectResult } from './types.js';

/**
 * Lands one object of one source for the run. Batches commit with their cursor and the cursor is
 * heartbeated, so a retry after a worker crash resumes where the last committed batch ended.
 */
export function makeExtractSourceObject({ db, sourceEnv }: ActivityDeps) {
  return async function extractSourceObject(input: ExtractObjectInput): Promise<ExtractObjectResult> {
    return runStage(async (progress) => {
      const { connectors } = await loadSourcesFile(input.sourcesFile, sourceEnv);
      const connector = connectors.find((c) => c.name === input.source);
      if (!connector) {
        throw new UserFacingError(`source "${input.source}" is no longer in ${input.sourcesFile}`, 'restore it, or start a new run');
      }
      const summary = await extractObject({
        db,
        runId: input.runId,
        connector,
        object: input.object,
        fullRefresh: input.fullRefresh,
        signal: Context.current().cancellationSignal,
        onProgress: (p) => progress({ source: p.source, object: p.object, cursor: p.cursor, recordsRead: p.recordsRead }),
      });
      const { source, object, recordsRead, rowsLanded, rowsRejected, resumed } = summary;
      return { source, object, recordsRead, rowsLanded, rowsRejected, resumed };
    });
  };
}
