import type { WorkflowHandle } from '@temporalio/client';

export interface RunStage {
  activity: string;
  /** How long the server waits on a dead worker before it retries: the heartbeat timeout, else start-to-close. */
  retryAfterSeconds: number;
}

type Duration = { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined;
const seconds = (d: Duration) => (d ? Number(String(d.seconds ?? 0)) + (d.nanos ?? 0) / 1e9 : 0);

/** A finished run's activity types in the order they were first scheduled, read from its history. */
export async function runStages(handle: WorkflowHandle): Promise<RunStage[]> {
  const stages = new Map<string, RunStage>();
  for (const event of (await handle.fetchHistory()).events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    const activity = scheduled?.activityType?.name;
    if (!scheduled || !activity || stages.has(activity)) continue;
    stages.set(activity, { activity, retryAfterSeconds: seconds(scheduled.heartbeatTimeout) || seconds(scheduled.startToCloseTimeout) });
  }
  return [...stages.values()];
}

/**
 * Shares the stages among `chains` runs so each run's kills cost about the same wait: longest wait
 * first, to the least loaded run. Each run's share stays in pipeline order.
 */
export function shareKills(stages: RunStage[], chains: number): string[][] {
  const shares = Array.from({ length: chains }, () => ({ wait: 0, stages: new Set<string>() }));
  for (const stage of [...stages].sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds)) {
    const least = shares.reduce((min, share) => (share.wait < min.wait ? share : min));
    least.wait += stage.retryAfterSeconds;
    least.stages.add(stage.activity);
  }
  return shares.map((share) => stages.map((s) => s.activity).filter((activity) => share.stages.has(activity)));
}
