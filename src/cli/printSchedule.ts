import type { ScheduleDetails, ScheduleOverview } from '../schedules/readSchedules.js';
import { formatTable } from './formatTable.js';

export const when = (date: Date | undefined) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

export function formatScheduleList(schedules: ScheduleOverview[]): string {
  if (schedules.length === 0) return 'no schedules; create one with `segflow schedule create <name> --cron "0 2 * * *"`';
  return formatTable(
    ['name', 'spec', 'time zone', 'state', 'next run', 'last run'],
    schedules.map((s) => [s.name, s.spec, s.timeZone, s.paused ? 'paused' : 'active', when(s.nextRuns[0]), when(s.recentRuns.at(-1)?.scheduledAt)]),
  );
}

export function formatScheduleDetails(s: ScheduleDetails): string {
  const lines = [
    `schedule ${s.name}`,
    `  spec            ${s.spec} in ${s.timeZone}`,
    `  as of           the scheduled day in ${s.timeZone} minus ${s.lagDays} day${s.lagDays === 1 ? '' : 's'}`,
    `  source          ${s.source}${s.sourceFile ? ` (${s.sourceFile})` : ''}${s.sourcesFile ? ` (${s.sourcesFile})` : ''}`,
    `  overlap         ${s.overlap}`,
    `  catch-up window ${s.catchupWindow}`,
    `  state           ${s.paused ? 'paused' : 'active'}${s.note ? ` (${s.note})` : ''}`,
    `  actions         ${s.actionsTaken} taken, ${s.missedCatchupWindow} missed (catch-up window), ${s.skippedOverlap} skipped (overlap)`,
    `  next runs       ${s.nextRuns.slice(0, 3).map(when).join(', ') || '-'}`,
  ];
  if (s.running.length > 0) lines.push(`  running         ${s.running.join(', ')}`);
  if (s.recentRuns.length > 0) {
    lines.push('  recent runs');
    for (const run of s.recentRuns.slice(-5)) lines.push(`    ${when(run.scheduledAt)}  ${run.workflowId}`);
  }
  return lines.join('\n');
}
