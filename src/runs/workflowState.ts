import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { BackfillProgress, BackfillTally } from '../../workflows/backfill.js';
import type { RunProgress } from '../../workflows/runProgress.js';

export interface WorkflowState {
  workflowId: string;
  type: string;
  /** RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT */
  status: string;
  startTime: Date;
  closeTime: Date | undefined;
  /** The progress query's answer while the workflow runs and a worker answers. */
  progress: RunProgress | BackfillProgress | undefined;
  /** A completed backfill's counts. */
  tally: BackfillTally | undefined;
}

/** A worker that is not running cannot answer a query; do not wait for one longer than this. */
const QUERY_DEADLINE_MS = 5_000;

/** What Temporal knows about a workflow id (following continue-as-new to the latest run), or undefined when it knows nothing. */
export async function workflowState(client: Client, workflowId: string): Promise<WorkflowState | undefined> {
  const handle = client.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
  const status = description.status.name;
  const progress = status === 'RUNNING'
    ? await client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query<RunProgress | BackfillProgress>('progress')).catch(() => undefined)
    : undefined;
  const tally = status === 'COMPLETED' && description.type === 'backfill' ? await handle.result() as BackfillTally : undefined;
  return { workflowId, type: description.type, status, startTime: description.startTime, closeTime: description.closeTime, progress, tally };
}
