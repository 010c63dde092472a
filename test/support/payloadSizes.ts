import type { WorkflowHandle } from '@temporalio/client';

/** The largest activity input and result (bytes of payload data) in a workflow's history. */
export async function largestActivityPayloads(handle: WorkflowHandle): Promise<{ input: number; result: number; activities: number }> {
  const history = await handle.fetchHistory();
  let input = 0;
  let result = 0;
  let activities = 0;
  const size = (payloads: Array<{ data?: Uint8Array | null; metadata?: Record<string, Uint8Array> | null }> | null | undefined) =>
    (payloads ?? []).reduce((sum, p) => sum + (p.data?.length ?? 0) + Object.values(p.metadata ?? {}).reduce((s, m) => s + m.length, 0), 0);
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      activities += 1;
      input = Math.max(input, size(scheduled.input?.payloads));
    }
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed) result = Math.max(result, size(completed.result?.payloads));
  }
  return { input, result, activities };
}
