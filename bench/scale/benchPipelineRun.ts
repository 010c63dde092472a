import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { connectClient } from '../../src/infra/connectClient.js';
import { projectRoot } from '../../src/paths.js';
import { findRun } from '../../src/runs/findRun.js';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { activityBusyMs, activityTimeline, type ActivitySpan } from './activityTimeline.js';
import { landedDatabase } from './landedDatabase.js';
import { pipelineAgreement } from './pipelineAgreement.js';
import { runBaseline, type BaselineResult } from './runBaseline.js';
import type { ScaleShape } from './scaleCustomer.js';
import { scaleSpec } from './scaleRecords.js';
import { startStatementSampler } from './statementSampler.js';
import { SCALE_SOURCES, writeScaleSources } from './scaleSources.js';
import { startBenchWorker, type RssSample } from './workerProcess.js';

export interface PipelineBenchOptions {
  customers: number;
  seed: number;
  asOf: string;
  shape: ScaleShape;
  databaseUrl: string;
  temporalAddress: string;
  baseline: 'copy' | 'read_sql' | 'none';
  cpuProfileDir?: string;
  /** Keep the landed database as a template and reuse it for the same spec. */
  keepLanded: boolean;
  log: (line: string) => void;
}

export interface StageFigure {
  /** The stage as segflow.runs.stage_timings_ms names it, or "bookkeeping" for the untimed steps. */
  stage: string;
  /** The Temporal activities the stage ran. */
  activities: string[];
  /** The stage's wall time as the run recorded it (bookkeeping: from the Temporal history). */
  ms: number;
  /** What `rows` counts: the stage's main input. */
  rowsAre: string;
  rows: number;
  rowsPerSecond: number;
  peakRssMiB: number;
}

/** A fixed key: the bench's pseudonyms need not survive it, only be the same between its runs. */
const BENCH_PII_KEY = 'segflow-bench-scale-pseudonymisation-key';
const MiB = (kib: number) => Math.round(kib / 1024);

/** The activities behind each stage the workflow times (workflows/segmentationRun.ts); the rest is bookkeeping. */
const STAGE_ACTIVITIES: Record<string, string[]> = {
  extract: ['planExtract', 'extractSourceObject', 'extractSource'],
  identity: ['resolveIdentities'],
  clean: ['cleanOrders'],
  features: ['computeFeatures'],
  clv: ['fitClvModel', 'valueCustomers', 'applyCustomerValues', 'fitClv'],
  rfm: ['scoreRfm'],
  firmographic: ['scoreFirmographicTiers'],
  kmeans: ['fitKmeans'],
  kpis: ['computeKpis'],
};
const BOOKKEEPING = ['startRun', 'checkQuality', 'publishRun'];

/** The worker's highest sampled RSS while any of the spans ran. */
function peakDuring(samples: readonly RssSample[], spans: readonly ActivitySpan[]): number {
  let peak = 0;
  for (const s of samples) {
    if (spans.some((span) => s.at >= span.startedAt - 100 && s.at <= span.closedAt + 100)) peak = Math.max(peak, s.rssKiB);
  }
  return MiB(peak);
}

/** Input rows of each stage, from the landed counts and the run's own row counts. */
function stageRows(stage: string, landed: Record<string, number>, counts: SegmentationRunResult['rowCounts']): { rowsAre: string; rows: number } {
  const n = (key: string) => Number(counts[key] ?? 0);
  switch (stage) {
    case 'extract': return { rowsAre: 'new records read', rows: n('linesRead') };
    case 'identity': return { rowsAre: 'landed orders + leads', rows: landed['raw.orders']! + landed['raw.contacts']! };
    case 'clean': return { rowsAre: 'landed orders + lines', rows: landed['raw.orders']! + landed['raw.order_lines']! };
    case 'features':
      return { rowsAre: 'accepted orders and lines + web and marketing events', rows: n('accepted') + landed['raw.web_events']! + landed['raw.marketing_events']! };
    case 'clv': return { rowsAre: 'accepted orders', rows: n('orders') };
    case 'rfm': case 'firmographic': case 'kmeans': case 'kpis':
      return { rowsAre: 'customers', rows: n('customers') };
    default: return { rowsAre: 'bookkeeping', rows: 0 };
  }
}

/** Per stage: the recorded wall time, its rows and the worker's peak RSS while its activities ran. */
function stageFigures(
  stageTimingsMs: Record<string, number>,
  spans: readonly ActivitySpan[],
  samples: readonly RssSample[],
  landed: Record<string, number>,
  counts: SegmentationRunResult['rowCounts'],
): StageFigure[] {
  const figure = (stage: string, activities: string[], ms: number): StageFigure => {
    const ran = spans.filter((span) => activities.includes(span.activity));
    const { rowsAre, rows } = stageRows(stage, landed, counts);
    return {
      stage, activities: [...new Set(ran.map((span) => span.activity))], ms: Math.round(ms), rowsAre, rows,
      rowsPerSecond: ms > 0 ? Math.round(rows / (ms / 1000)) : 0, peakRssMiB: peakDuring(samples, ran),
    };
  };
  // jsonb keeps its keys in its own order: list the stages in the workflow's order.
  const order = Object.keys(STAGE_ACTIVITIES);
  const rank = (stage: string) => (order.includes(stage) ? order.indexOf(stage) : order.length);
  const stages = Object.entries(stageTimingsMs)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([stage, ms]) => figure(stage, STAGE_ACTIVITIES[stage] ?? [stage], ms));
  const bookkeepingMs = spans.filter((span) => BOOKKEEPING.includes(span.activity)).reduce((sum, span) => sum + span.closedAt - span.startedAt, 0);
  return [...stages, figure('bookkeeping', BOOKKEEPING, bookkeepingMs)];
}

/**
 * One size: a fresh database, the population landed (not timed as pipeline), one segmentationRun
 * on a bench worker in its own process, its stage times as the run recorded them in segflow.runs
 * (orchestration overhead: end to end minus the stages and the bookkeeping activities), then the
 * pandas baseline on the same database and the agreement of the two segmentations.
 */
export async function benchPipelineRun(options: PipelineBenchOptions) {
  const { customers, seed, asOf, shape, databaseUrl, temporalAddress, log } = options;
  const loadBefore = loadavg();
  log(`${customers} customers: fresh database, landing the population`);
  const { db, landed, reused } = await landedDatabase(databaseUrl, scaleSpec(customers, seed, asOf, shape), options.keepLanded, log);
  try {
    log(`landed ${Object.entries(landed.rows).map(([t, r]) => `${r} ${t}`).join(', ')} in ${landed.seconds.toFixed(1)} s`);

    const workDir = join(projectRoot, '.segflow', 'bench', 'scale');
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    const sourcesFile = writeScaleSources(workDir);
    const taskQueue = `segflow-bench-${randomBytes(4).toString('hex')}`;
    const worker = await startBenchWorker(
      { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, SEGFLOW_TASK_QUEUE: taskQueue, SEGFLOW_PII_KEY: BENCH_PII_KEY },
      options.cpuProfileDir,
    );
    // The same start as `segflow run` (workflow id, data converter), on the bench worker's own task queue.
    const config = { ...loadConfig(), taskQueue };
    const { client, close } = await connectClient(config, temporalAddress);
    let result: SegmentationRunResult;
    let endToEndMs: number;
    let timeline;
    let workerReport;
    let statements;
    const sampler = await startStatementSampler(databaseUrl);
    try {
      log(`running segmentationRun (worker pid ${worker.pid})`);
      const started = performance.now();
      const run = await startSegmentationRun(client, config, { asOf, source: SCALE_SOURCES[0], sourcesFile });
      result = (await run.handle.result()) as SegmentationRunResult;
      endToEndMs = performance.now() - started;
      timeline = await activityTimeline(run.handle);
    } finally {
      statements = await sampler.stop();
      workerReport = await worker.stop();
      await close();
    }
    const loadAfterRun = loadavg();
    const counts = result.rowCounts;
    const recorded = await findRun(db, result.runId);
    if (!recorded) throw new Error(`run ${result.runId} finished but segflow.runs has no row for it`);
    const stages = stageFigures(recorded.stageTimingsMs, timeline.activities, workerReport.samples, landed.rows, counts);
    const busyMs = activityBusyMs(timeline.activities);
    const activitySumMs = stages.reduce((sum, s) => sum + s.ms, 0);
    const model = await db('segflow.segmentation_models').where({ run_id: result.runId, scheme: 'kmeans' }).first('model');
    const k = Number((model?.model as { k?: number } | undefined)?.k);

    let baseline: BaselineResult | null = null;
    let agreement = null;
    if (options.baseline !== 'none') {
      log(`pandas + scikit-learn baseline (k = ${k})`);
      baseline = await runBaseline({ databaseUrl, asOf, k, seed: 42, reader: options.baseline });
      agreement = await pipelineAgreement(db, result.runId);
    }
    return {
      customers,
      seed,
      asOf,
      shape,
      landed: { ...landed, reused },
      runId: result.runId,
      rowCounts: counts,
      k,
      endToEndMs: Math.round(endToEndMs),
      workflowMs: timeline.workflowClosedAt - timeline.workflowStartedAt,
      activityBusyMs: busyMs,
      activitySumMs,
      orchestrationOverheadMs: Math.round(endToEndMs - activitySumMs),
      orchestrationOverheadShare: Number(((endToEndMs - activitySumMs) / endToEndMs).toFixed(4)),
      msPerThousandCustomers: Number((endToEndMs / (customers / 1000)).toFixed(2)),
      stages,
      statements,
      worker: { peakRssMiB: MiB(workerReport.peakRssKiB), lifetimeMaxRssMiB: workerReport.lifetimeMaxRssKiB === null ? null : MiB(workerReport.lifetimeMaxRssKiB) },
      baseline,
      ratioToBaseline: baseline ? Number((endToEndMs / 1000 / baseline.wallSeconds).toFixed(3)) : null,
      agreement,
      machine: { loadBefore, loadAfterRun, loadAfterBaseline: loadavg() },
    };
  } finally {
    await db.destroy();
  }
}

export type PipelineBenchResult = Awaited<ReturnType<typeof benchPipelineRun>>;
