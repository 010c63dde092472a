import type { Client, ScheduleDescription, ScheduleSummary } from '@temporalio/client';
import type { SegmentationRunInput } from '../../workflows/segmentationRun.js';
import type { SegflowScheduleMemo } from './createSchedule.js';
import { formatDuration } from './scheduleDefinition.js';
import { withScheduleErrors } from './scheduleErrors.js';

export interface ScheduleOverview {
  name: string;
  /** As given at creation: cron "…" or every …. */
  spec: string;
  timeZone: string;
  paused: boolean;
  note: string | undefined;
  nextRuns: Date[];
  recentRuns: Array<{ scheduledAt: Date; workflowId: string }>;
}

export interface ScheduleDetails extends ScheduleOverview {
  source: string;
  sourceFile: string | undefined;
  sourcesFile: string | undefined;
  lagDays: number;
  overlap: string;
  catchupWindow: string;
  actionsTaken: number;
  missedCatchupWindow: number;
  skippedOverlap: number;
  running: string[];
}

function memoOf(memo: Record<string, unknown> | undefined): Partial<SegflowScheduleMemo> {
  return (memo?.segflow ?? {}) as Partial<SegflowScheduleMemo>;
}

function overview(name: string, summary: Pick<ScheduleSummary, 'spec' | 'memo' | 'state' | 'info'>): ScheduleOverview {
  const intervals = summary.spec?.intervals ?? [];
  return {
    name,
    spec: memoOf(summary.memo).spec ?? (intervals[0] ? `every ${formatDuration(intervals[0].every)}` : 'calendar'),
    timeZone: summary.spec?.timezone || 'UTC',
    paused: summary.state.paused,
    note: summary.state.note || undefined,
    nextRuns: summary.info.nextActionTimes,
    recentRuns: summary.info.recentActions.map((a) => ({ scheduledAt: a.scheduledAt, workflowId: a.action.workflow.workflowId })),
  };
}

/** The schedules that start segmentation runs, by name. */
export async function listSchedules(client: Client): Promise<ScheduleOverview[]> {
  const found: ScheduleOverview[] = [];
  for await (const summary of client.schedule.list()) {
    if (summary.action?.workflowType !== 'segmentationRun') continue;
    found.push(overview(summary.scheduleId, summary));
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

export async function describeSchedule(client: Client, name: string): Promise<ScheduleDetails> {
  const description: ScheduleDescription = await withScheduleErrors(name, () => client.schedule.getHandle(name).describe());
  const input = (description.action.args?.[0] ?? {}) as Partial<SegmentationRunInput>;
  return {
    ...overview(name, description),
    source: input.source ?? 'unknown',
    sourceFile: input.sourceFile,
    sourcesFile: input.sourcesFile,
    lagDays: input.asOfFromSchedule?.lagDays ?? memoOf(description.memo).lagDays ?? 0,
    overlap: (description.policies.overlap ?? 'SKIP').toLowerCase(),
    catchupWindow: formatDuration(description.policies.catchupWindow),
    actionsTaken: description.info.numActionsTaken,
    missedCatchupWindow: description.info.numActionsMissedCatchupWindow,
    skippedOverlap: description.info.numActionsSkippedOverlap,
    running: description.info.runningActions.map((a) => a.workflow.workflowId),
  };
}
