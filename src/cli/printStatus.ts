import type { BackfillProgress } from '../../workflows/backfill.js';
import type { RunProgress } from '../../workflows/runProgress.js';
import type { RunRecord } from '../runs/findRun.js';
import type { WorkflowState } from '../runs/workflowState.js';
import { formatTable } from './formatTable.js';
import { describeBackfillProgress, describeRunProgress } from './progressBar.js';

// jsonb does not keep key order: show stages in the order a run executes them.
const STAGE_ORDER = ['extract', 'identity', 'clean', 'features', 'clv', 'rfm', 'firmographic', 'kmeans', 'kpis'];
const stageRank = (stage: string) => (STAGE_ORDER.includes(stage) ? STAGE_ORDER.indexOf(stage) : STAGE_ORDER.length);

const when = (date: Date | null | undefined) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function flatten(counts: Record<string, unknown>, prefix = ''): Array<[string, number]> {
  return Object.entries(counts).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? flatten(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, Number(value)] as [string, number]]);
}

function currentStage(run: RunRecord, workflow: WorkflowState | undefined): string {
  if (run.status !== 'running') return run.status;
  const progress = workflow?.progress as RunProgress | undefined;
  if (progress) return describeRunProgress(progress);
  if (workflow && workflow.status !== 'RUNNING') return `unknown: the workflow is ${workflow.status.toLowerCase()} but the run was not marked published or failed`;
  return 'unknown: no worker answered (is `segflow worker` running?)';
}

export function formatRunStatus(run: RunRecord, workflow: WorkflowState | undefined): string {
  const finished = run.finishedAt ? `${when(run.finishedAt)} (${seconds(run.finishedAt.getTime() - run.startedAt.getTime())})` : '-';
  const lines = [
    `run ${run.runId}`,
    `  workflow  ${run.workflowId}`,
    `  status    ${run.status}`,
    `  as of     ${run.asOf}`,
    `  source    ${run.source}`,
    `  started   ${when(run.startedAt)}`,
    `  finished  ${finished}`,
    `  stage     ${currentStage(run, workflow)}`,
  ];
  if (run.failure) lines.push(`  failure   ${run.failure}`);
  const timings = Object.entries(run.stageTimingsMs)
    .sort(([a], [b]) => stageRank(a) - stageRank(b));
  if (timings.length > 0) lines.push('', 'Stage timings:', formatTable(['stage', 'ms'], timings));
  const counts = flatten(run.rowCounts);
  if (counts.length > 0) lines.push('', 'Row counts:', formatTable(['count', 'rows'], counts));
  return lines.join('\n');
}

export function formatWorkflowStatus(workflow: WorkflowState): string {
  const lines = [
    `workflow ${workflow.workflowId} (${workflow.type})`,
    `  status    ${workflow.status.toLowerCase()}`,
    `  started   ${when(workflow.startTime)}`,
    `  closed    ${when(workflow.closeTime)}`,
  ];
  if (workflow.type === 'backfill') {
    const p = workflow.progress as BackfillProgress | undefined;
    const t = workflow.tally;
    if (p) lines.push(`  progress  ${describeBackfillProgress(p)}`);
    if (t) lines.push(`  result    ${t.total} as-of dates: ${t.done} published, ${t.skipped} skipped, ${t.failed} failed`);
    if (t && t.failedDates.length > 0) lines.push(`  failed    ${t.failedDates.join(' ')}`);
  } else if (workflow.progress) {
    lines.push(`  stage     ${describeRunProgress(workflow.progress as RunProgress)}`);
  }
  return lines.join('\n');
}
