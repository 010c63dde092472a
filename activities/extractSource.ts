import { defaultOnlineRetailFile, landOnlineRetailFile, ONLINE_RETAIL_SOURCE } from '../src/sources/onlineRetailFile.js';
import { UserFacingError } from '../src/userFacingError.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, ExtractInput, ExtractResult } from './types.js';

/** Lands the source file in raw.* under the run id; a retry replaces the earlier attempt's rows. */
export function makeExtractSource({ db, dataDir }: ActivityDeps) {
  return async function extractSource(input: ExtractInput): Promise<ExtractResult> {
    return runStage(async (progress) => {
      if (input.source !== ONLINE_RETAIL_SOURCE) {
        throw new UserFacingError(`unknown source "${input.source}"`, `use --source ${ONLINE_RETAIL_SOURCE}`);
      }
      const file = input.sourceFile ?? defaultOnlineRetailFile(dataDir);
      return landOnlineRetailFile({ db, runId: input.runId, file, onProgress: (linesRead) => progress({ linesRead }) });
    });
  };
}
