import type { BackfillProgress } from '../../workflows/backfill.js';
import type { RunProgress } from '../../workflows/runProgress.js';
import type { ProgressView } from './watchProgress.js';

const BAR_WIDTH = 24;

/** [#########---------------] for done of total; an empty bar when the total is not known yet. */
export function bar(done: number, total: number, width = BAR_WIDTH): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export function describeRunProgress(p: RunProgress): string {
  const parts = [`stage ${p.stage} (${p.stagesDone}/${p.stagesTotal} stages done)`];
  if (p.partitionsTotal > 0) parts.push(`partitions ${p.partitionsDone}/${p.partitionsTotal}`);
  if (p.rows > 0) parts.push(`${p.rows.toLocaleString('en-US')} records read`);
  return parts.join(', ');
}

export function describeBackfillProgress(p: BackfillProgress): string {
  const finished = p.done + p.skipped + p.failed;
  const running = p.running > 0 ? `, running ${p.inFlight.join(' ')}` : '';
  return `${finished}/${p.total} dates: ${p.done} published, ${p.skipped} skipped, ${p.failed} failed${running}`;
}

/** One line for a terminal: the bar, then the words. */
export function runProgressBar(p: RunProgress): string {
  return `${bar(p.stagesDone, p.stagesTotal)} ${describeRunProgress(p)}`;
}

export function backfillProgressBar(p: BackfillProgress): string {
  return `${bar(p.done + p.skipped + p.failed, p.total)} ${describeBackfillProgress(p)}`;
}

export const runProgressView: ProgressView<RunProgress> = { bar: runProgressBar, line: describeRunProgress };
export const backfillProgressView: ProgressView<BackfillProgress> = { bar: backfillProgressBar, line: describeBackfillProgress };
