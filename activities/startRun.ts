import { parseAsOfDate } from '../src/asOfDate.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, StartRunInput, StageResult } from './types.js';

/** Records the run as running. A retry or a replayed start leaves the existing row as it is. */
export function makeStartRun({ db, codeVersion, kmeansSeed }: ActivityDeps) {
  return async function startRun(input: StartRunInput): Promise<StageResult> {
    return runStage(async () => {
      parseAsOfDate(input.asOf);
      await db('segflow.runs')
        .insert({
          run_id: input.runId,
          workflow_id: input.workflowId,
          as_of: input.asOf,
          source: input.source,
          status: 'running',
          code_version: codeVersion,
          parameters: {
            sourceFile: input.sourceFile ?? null, sourcesFile: input.sourcesFile ?? null, fullRefresh: input.fullRefresh ?? false, kmeansSeed, kRange: [2, 8],
          },
        })
        .onConflict('run_id')
        .ignore();
      return {};
    });
  };
}
