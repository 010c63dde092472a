import { CancellationScope, patched, proxyActivities, uuid4, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { RfmCutPoints, SegflowActivities } from '../activities/index.js';
import { trackRunProgress } from './runProgress.js';
import { rootMessage } from './rootMessage.js';
import { publishRunSearchAttributes } from './runSearchAttributes.js';
import { resolveAsOf, type ScheduledAsOf } from './scheduledAsOf.js';

export interface SegmentationRunInput {
  /** YYYY-MM-DD: only data dated on or before it counts. Absent only when a schedule starts the run (see asOfFromSchedule). */
  asOf?: string;
  /** Set by `segflow schedule create`: the as-of date is the scheduled start's day in this zone, minus the lag. */
  asOfFromSchedule?: ScheduledAsOf;
  /** Source name, e.g. online-retail. */
  source: string;
  /** Override of the source file path (defaults to the dataset under SEGFLOW_DATA_DIR). */
  sourceFile?: string;
  /** A sources file (segflow.sources.yaml): extract every source in it instead of one dataset file. */
  sourcesFile?: string;
  /** Re-read everything instead of what changed since each object's watermark. */
  fullRefresh?: boolean;
  /** Explicit RFM score thresholds per dimension (four increasing values each); quintiles when absent. */
  rfmCutPoints?: RfmCutPoints;
  /** Chosen by the caller so it can find the run's rows; generated when absent. */
  runId?: string;
}

export interface SegmentationRunResult {
  runId: string;
  asOf: string;
  rowCounts: Record<string, number | Record<string, number>>;
}

const retry = (maximumAttempts: number, maximumInterval: string) => ({
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval,
  maximumAttempts,
  nonRetryableErrorTypes: ['UserFacingError'],
});

// Quick bookkeeping steps retry often; long stages heartbeat so a dead worker is noticed in seconds.
const bookkeeping: ActivityOptions = { startToCloseTimeout: '30 seconds', retry: retry(10, '30 seconds') };
// Ten attempts, backing off to a minute apart, span about four minutes: a database restart or failover
// fails an attempt at once (connection refused), and five attempts were spent within 15 seconds.
const longStage = (startToCloseTimeout: string, heartbeatTimeout: string): ActivityOptions => ({
  startToCloseTimeout,
  heartbeatTimeout,
  retry: retry(10, '1 minute'),
});

const { startRun, checkQuality, publishRun, failRun } = proxyActivities<SegflowActivities>(bookkeeping);
const { extractSource } = proxyActivities<SegflowActivities>(longStage('20 minutes', '20 seconds'));
const { planExtract } = proxyActivities<SegflowActivities>(bookkeeping);
// A SaaS export can take hours; progress is committed per batch, so a retry loses at most one batch.
const { extractSourceObject } = proxyActivities<SegflowActivities>(longStage('4 hours', '20 seconds'));
const { cleanOrders, resolveIdentities } = proxyActivities<SegflowActivities>(longStage('20 minutes', '20 seconds'));
const { computeFeatures, scoreRfm, scoreFirmographicTiers, computeKpis } = proxyActivities<SegflowActivities>(longStage('10 minutes', '20 seconds'));
// Model fitting runs on the event loop between heartbeats: give it a longer heartbeat allowance.
const { fitKmeans, fitClv, fitClvModel } = proxyActivities<SegflowActivities>(longStage('30 minutes', '2 minutes'));
// CLV values run on a thread per partition, so the activity's event loop stays free to heartbeat.
const { valueCustomers, applyCustomerValues } = proxyActivities<SegflowActivities>(longStage('30 minutes', '20 seconds'));

/** One segmentation run for one as-of date: extract → clean → features → CLV → segment → KPIs → publish. */
export async function segmentationRun(input: SegmentationRunInput): Promise<SegmentationRunResult> {
  const runId = input.runId ?? uuid4();
  const { source, sourceFile, sourcesFile, fullRefresh = false, rfmCutPoints } = input;
  const asOf = resolveAsOf(input.asOf, input.asOfFromSchedule);
  const timings: Record<string, number> = {};
  const searchAttributes = publishRunSearchAttributes(asOf);
  const progress = trackRunProgress([
    'extract', ...(sourcesFile ? ['identity'] : []), 'clean', 'features', 'clv', 'rfm', 'firmographic', 'kmeans', 'kpis', 'publish',
  ], searchAttributes.stage);
  await startRun({ runId, workflowId: workflowInfo().workflowId, asOf, source, sourceFile, sourcesFile, fullRefresh });
  try {
    progress.enter('extract');
    const extracted = sourcesFile
      ? await extractAllSources(runId, sourcesFile, fullRefresh)
      : { ...(await extractSource({ runId, source, sourceFile })), landed: undefined, extractRejected: undefined, extractedByObject: undefined, sources: undefined };
    timings.extract = extracted.elapsedMs;
    progress.rows(extracted.linesRead);
    // Landed people and accounts from several systems become one customer key each before orders are cleaned.
    if (extracted.sources) progress.enter('identity');
    const identities = extracted.sources ? await resolveIdentities({ runId, sources: extracted.sources }) : undefined;
    if (identities) timings.identity = identities.elapsedMs;
    progress.enter('clean');
    const cleaned = await cleanOrders({ runId, sources: extracted.sources });
    timings.clean = cleaned.elapsedMs;
    progress.enter('features');
    const features = await computeFeatures({ runId, asOf });
    timings.features = features.elapsedMs;
    progress.enter('clv');
    // Histories recorded before the CLV stage was split replay with the single fitClv activity.
    const clv = patched('partitioned-clv')
      ? await valueCustomersByPartition(runId, asOf, progress)
      : await fitClv({ runId, asOf });
    timings.clv = clv.elapsedMs;
    progress.enter('rfm');
    const rfm = await scoreRfm(rfmCutPoints ? { runId, rfmCutPoints } : { runId });
    timings.rfm = rfm.elapsedMs;
    progress.enter('firmographic');
    const firmographic = await scoreFirmographicTiers({ runId });
    timings.firmographic = firmographic.elapsedMs;
    progress.enter('kmeans');
    const kmeans = await fitKmeans({ runId });
    timings.kmeans = kmeans.elapsedMs;
    progress.enter('kpis');
    const kpis = await computeKpis({ runId, asOf });
    timings.kpis = kpis.elapsedMs;
    const rowCounts = {
      linesRead: extracted.linesRead,
      ...(extracted.extractedByObject
        ? { landed: extracted.landed, extractRejected: extracted.extractRejected, extractedByObject: extracted.extractedByObject }
        : {}),
      ...(identities ? { resolvedCustomers: identities.customers } : {}),
      accepted: cleaned.accepted,
      rejected: cleaned.rejected,
      rejectedByReason: cleaned.rejectedByReason,
      orders: cleaned.orders,
      customers: features.customers,
      customersWithClv: clv.customersValued,
      rfmSegments: rfm.segments,
      firmographicSegments: firmographic.segments,
      kmeansSegments: kmeans.segments,
      kpiRows: kpis.rows,
    };
    progress.enter('publish');
    // Histories recorded before the gates existed replay without the check.
    if (patched('quality-gates')) {
      await checkQuality({ runId, asOf, linesRead: extracted.linesRead, rejectedByReason: cleaned.rejectedByReason });
    }
    await publishRun({ runId, rowCounts, stageTimingsMs: timings });
    progress.end('published');
    return { runId, asOf, rowCounts };
  } catch (error) {
    progress.end('failed');
    await CancellationScope.nonCancellable(() => failRun({ runId, failure: rootMessage(error) }));
    throw error;
  }
}

/**
 * The CLV models once, then the customers' values one hash partition per activity, all in flight
 * at once: any worker polling the task queue takes partitions, so two workers share one run.
 */
async function valueCustomersByPartition(runId: string, asOf: string, progress: ReturnType<typeof trackRunProgress>) {
  const model = await fitClvModel({ runId, asOf });
  if (!model.fitted) return { elapsedMs: model.elapsedMs, customersValued: 0 };
  let done = 0;
  progress.partitions(done, model.partitions);
  // Histories recorded before the values were staged replay with each partition updating customer_features itself.
  const staged = patched('clv-values-applied-once');
  const parts = await Promise.all(
    Array.from({ length: model.partitions }, async (_, partition) => {
      const part = await valueCustomers({ runId, asOf, partition, partitions: model.partitions, ...(staged ? { staged } : {}) });
      progress.partitions(++done, model.partitions);
      return part;
    }),
  );
  // Partitions run side by side: the stage took the fit plus the slowest partition (plus the one update of them all).
  const applied = staged ? await applyCustomerValues({ runId }) : { elapsedMs: 0 };
  const elapsedMs = model.elapsedMs + Math.max(0, ...parts.map((part) => part.elapsedMs)) + applied.elapsedMs;
  return { elapsedMs, customersValued: parts.reduce((sum, part) => sum + part.customersValued, 0) };
}

/**
 * Every object of every source in the sources file: sources in parallel (they are different
 * systems), objects of one source one after another (they share its rate limit).
 */
async function extractAllSources(runId: string, sourcesFile: string, fullRefresh: boolean) {
  const plan = await planExtract({ runId, sourcesFile });
  const perSource = await Promise.all(
    plan.sources.map(async ({ source, objects }) => {
      const results = [];
      for (const object of objects) results.push(await extractSourceObject({ runId, sourcesFile, source, object, fullRefresh }));
      return results;
    }),
  );
  const extractedByObject: Record<string, number> = {};
  let linesRead = 0;
  let landed = 0;
  let extractRejected = 0;
  for (const result of perSource.flat()) {
    extractedByObject[`${result.source}/${result.object}`] = result.recordsRead;
    linesRead += result.recordsRead;
    landed += result.rowsLanded;
    extractRejected += result.rowsRejected;
  }
  // Sources ran side by side: the stage took as long as the slowest source.
  const elapsedMs = plan.elapsedMs + Math.max(0, ...perSource.map((results) => results.reduce((sum, r) => sum + r.elapsedMs, 0)));
  return { linesRead, landed, extractRejected, extractedByObject, elapsedMs, sources: plan.sources.map((s) => s.source) };
}
