import type { WorkflowHandle } from '@temporalio/client';

/**
 * The attempt each activity type finally started with, from the workflow's history (Temporal records
 * one ActivityTaskStarted per scheduled activity, carrying the attempt that completed it).
 */
export async function startedAttempts(handle: WorkflowHandle): Promise<Record<string, number>> {
  const events = (await handle.fetchHistory()).events ?? [];
  const typeByScheduledId = new Map<string, string>();
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) typeByScheduledId.set(String(event.eventId), scheduled.activityType!.name!);
  }
  const attempts: Record<string, number> = {};
  for (const event of events) {
    const started = event.activityTaskStartedEventAttributes;
    if (!started) continue;
    const type = typeByScheduledId.get(String(started.scheduledEventId))!;
    attempts[type] = Math.max(attempts[type] ?? 0, started.attempt ?? 0);
  }
  return attempts;
}
