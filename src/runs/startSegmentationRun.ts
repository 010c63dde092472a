import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { SegmentationRunInput } from '../../workflows/segmentationRun.js';
import type { SegflowConfig } from '../config.js';

export interface StartedRun {
  runId: string;
  workflowId: string;
  handle: WorkflowHandle;
}

/** Starts segmentationRun; the workflow id names the as-of date and the run, never a person. */
export async function startSegmentationRun(
  client: Client,
  config: SegflowConfig,
  input: Omit<SegmentationRunInput, 'runId' | 'asOf' | 'asOfFromSchedule'> & { asOf: string },
): Promise<StartedRun> {
  const runId = randomUUID();
  const workflowId = `segflow-run-${input.asOf}-${runId.slice(0, 8)}`;
  const handle = await client.workflow.start('segmentationRun', {
    taskQueue: config.taskQueue,
    workflowId,
    args: [{ ...input, runId }],
  });
  return { runId, workflowId, handle };
}
