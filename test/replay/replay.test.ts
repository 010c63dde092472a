import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { projectRoot, workflowsEntry } from '../../src/paths.js';

// Re-record after an intended workflow change:
// SEGFLOW_RECORD_HISTORY=1 npx vitest run test/workflow/segmentationRun.test.ts test/workflow/sourcesFileRun.test.ts
//   test/workflow/schedule.test.ts test/workflow/backfill.test.ts
// segmentationRunPartitionedClv.json is a run of 936086a (CLV partitions updating customer_features themselves); keep it.
describe('workflow determinism', () => {
  it.each(['segmentationRun.json', 'segmentationRunSources.json', 'segmentationRunScheduled.json', 'backfill.json', 'segmentationRunPartitionedClv.json'])('replays the committed history %s without a nondeterminism error', async (file) => {
    const history = JSON.parse(await readFile(join(projectRoot, 'test', 'replay', 'histories', file), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowsPath: workflowsEntry() }, history)).resolves.toBeUndefined();
  });
});
