import { loadSourcesFile } from '../src/sources/config/loadSourcesFile.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, ExtractPlan, PlanExtractInput } from './types.js';

/** Validates the sources file and lists what to extract; a bad file fails the run before anything lands. */
export function makePlanExtract({ sourceEnv }: ActivityDeps) {
  return async function planExtract({ sourcesFile }: PlanExtractInput): Promise<ExtractPlan> {
    return runStage(async () => {
      const { connectors } = await loadSourcesFile(sourcesFile, sourceEnv);
      return { sources: connectors.map((connector) => ({ source: connector.name, objects: [...connector.objects()] })) };
    });
  };
}
