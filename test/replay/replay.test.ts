import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { projectRoot, workflowsEntry } from '../../src/paths.js';

describe('workflow determinism', () => {
  it('replays a committed segmentationRun history without a nondeterminism error', async () => {
    // Re-record after an intended workflow change: SEGFLOW_RECORD_HISTORY=1 npx vitest run test/workflow/segmentationRun.test.ts
    const history = JSON.parse(await readFile(join(projectRoot, 'test', 'replay', 'histories', 'segmentationRun.json'), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowsPath: workflowsEntry() }, history)).resolves.toBeUndefined();
  });
});
