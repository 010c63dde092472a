import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { backfill, BackfillInput } from '../../workflows/backfill.js';
import type { SegflowConfig } from '../config.js';
import { UserFacingError } from '../userFacingError.js';
import type { BackfillPlan } from './backfillPlan.js';

export interface BackfillSource {
  source: string;
  sourceFile?: string;
  sourcesFile?: string;
}

export interface BackfillStartOptions {
  force: boolean;
  fullRefresh?: boolean;
  /** For tests: continue as new after this many dates. */
  maxDatesPerExecution?: number;
}

export interface StartedBackfill {
  workflowId: string;
  handle: WorkflowHandleWithFirstExecutionRunId<typeof backfill>;
}

/** The workflow id names the range, so the same backfill cannot run twice at once. */
export function backfillWorkflowId(plan: Pick<BackfillPlan, 'from' | 'to' | 'every'>, source: string): string {
  return `segflow-backfill-${source}-${plan.from}-${plan.to}-${plan.every}`;
}

export async function startBackfill(
  client: Client,
  config: SegflowConfig,
  plan: BackfillPlan,
  source: BackfillSource,
  options: BackfillStartOptions,
): Promise<StartedBackfill> {
  const workflowId = backfillWorkflowId(plan, source.source);
  const input: BackfillInput = {
    dates: plan.dates,
    ...source,
    concurrency: plan.concurrency,
    force: options.force,
    ...(options.fullRefresh ? { fullRefresh: true } : {}),
    ...(options.maxDatesPerExecution ? { maxDatesPerExecution: options.maxDatesPerExecution } : {}),
  };
  try {
    const handle = await client.workflow.start<typeof backfill>('backfill', { taskQueue: config.taskQueue, workflowId, args: [input] });
    return { workflowId, handle };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      throw new UserFacingError(
        `the same backfill is already running as workflow ${workflowId}`,
        `watch it with \`segflow status ${workflowId}\`, or wait until it ends`,
      );
    }
    throw error;
  }
}
