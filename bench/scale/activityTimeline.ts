import type { WorkflowHandle } from '@temporalio/client';

/** One activity execution as the Temporal server recorded it (epoch milliseconds). */
export interface ActivitySpan {
  activity: string;
  scheduledAt: number;
  startedAt: number;
  closedAt: number;
  attempt: number;
}

export interface Timeline {
  workflowStartedAt: number;
  workflowClosedAt: number;
  activities: ActivitySpan[];
}

interface Timestamp {
  seconds?: { toString(): string } | number | null;
  nanos?: number | null;
}

const millis = (ts: Timestamp | null | undefined): number =>
  ts ? Number(String(ts.seconds ?? 0)) * 1000 + Math.round((ts.nanos ?? 0) / 1e6) : Number.NaN;

/** Activity start and close times from the workflow's history: the server's clock, not the worker's. */
export async function activityTimeline(handle: WorkflowHandle): Promise<Timeline> {
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const scheduled = new Map<string, { activity: string; at: number; startedAt?: number; attempt?: number }>();
  const activities: ActivitySpan[] = [];
  let workflowStartedAt = Number.NaN;
  let workflowClosedAt = Number.NaN;
  for (const event of events) {
    const at = millis(event.eventTime as Timestamp);
    const id = String(event.eventId);
    if (event.workflowExecutionStartedEventAttributes) workflowStartedAt = at;
    if (event.workflowExecutionCompletedEventAttributes || event.workflowExecutionFailedEventAttributes) workflowClosedAt = at;
    const scheduledAttributes = event.activityTaskScheduledEventAttributes;
    if (scheduledAttributes) scheduled.set(id, { activity: scheduledAttributes.activityType?.name ?? '?', at });
    const started = event.activityTaskStartedEventAttributes;
    if (started) {
      const entry = scheduled.get(String(started.scheduledEventId));
      if (entry) Object.assign(entry, { startedAt: at, attempt: started.attempt ?? 1 });
    }
    const closed = event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes;
    if (closed) {
      const entry = scheduled.get(String(closed.scheduledEventId));
      if (entry?.startedAt !== undefined) {
        activities.push({ activity: entry.activity, scheduledAt: entry.at, startedAt: entry.startedAt, closedAt: at, attempt: entry.attempt ?? 1 });
      }
    }
  }
  return { workflowStartedAt, workflowClosedAt, activities };
}

/** Milliseconds during which at least one activity ran (parallel extracts count once). */
export function activityBusyMs(activities: readonly ActivitySpan[]): number {
  const spans = activities.map((a) => [a.startedAt, a.closedAt] as const).sort((x, y) => x[0] - y[0]);
  let busy = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [start, close] of spans) {
    if (close <= end) continue;
    busy += close - Math.max(start, end);
    end = close;
  }
  return busy;
}
