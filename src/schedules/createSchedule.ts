import type { Client, ScheduleHandle } from '@temporalio/client';
import type { SegmentationRunInput } from '../../workflows/segmentationRun.js';
import type { SegflowConfig } from '../config.js';
import { formatDuration, OVERLAP_POLICIES, type ScheduleDefinition } from './scheduleDefinition.js';
import { withScheduleErrors, withSpecRefusals } from './scheduleErrors.js';

/** What a scheduled run extracts; its as-of date comes from the schedule. */
export interface ScheduledRunSource {
  source: string;
  sourceFile?: string;
  sourcesFile?: string;
}

/** Kept in the schedule's memo: the server turns a cron string into calendars, and the as-of lag is ours. */
export interface SegflowScheduleMemo {
  spec: string;
  lagDays: number;
}

export function describeSpec(definition: Pick<ScheduleDefinition, 'cron' | 'intervalMs'>): string {
  return definition.cron ? `cron "${definition.cron}"` : `every ${formatDuration(definition.intervalMs!)}`;
}

/** Workflows a schedule starts get ids `segflow-schedule-<name>-<scheduled time>` (Temporal appends the time). */
export function scheduledWorkflowIdPrefix(name: string): string {
  return `segflow-schedule-${name}`;
}

/** A Temporal Schedule that starts segmentationRun; each run takes its as-of date from its scheduled start time. */
export async function createSchedule(
  client: Client,
  config: SegflowConfig,
  definition: ScheduleDefinition,
  run: ScheduledRunSource,
): Promise<ScheduleHandle> {
  const input: SegmentationRunInput = {
    ...run,
    asOfFromSchedule: { timeZone: definition.timeZone, lagDays: definition.lagDays },
  };
  const memo: SegflowScheduleMemo = { spec: describeSpec(definition), lagDays: definition.lagDays };
  return withScheduleErrors(definition.name, () => withSpecRefusals(() => client.schedule.create({
    scheduleId: definition.name,
    spec: {
      ...(definition.cron ? { cronExpressions: [definition.cron] } : { intervals: [{ every: definition.intervalMs! }] }),
      timezone: definition.timeZone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'segmentationRun',
      workflowId: scheduledWorkflowIdPrefix(definition.name),
      taskQueue: config.taskQueue,
      args: [input],
    },
    policies: { overlap: OVERLAP_POLICIES[definition.overlap], catchupWindow: definition.catchupWindowMs },
    memo: { segflow: memo },
  })));
}
