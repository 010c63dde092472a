import { CancellationScope, proxyActivities, uuid4, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { SegflowActivities } from '../activities/index.js';

export interface SegmentationRunInput {
  /** YYYY-MM-DD: only data dated on or before it counts. */
  asOf: string;
  /** Source name, e.g. online-retail. */
  source: string;
  /** Override of the source file path (defaults to the dataset under SEGFLOW_DATA_DIR). */
  sourceFile?: string;
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
const longStage = (startToCloseTimeout: string, heartbeatTimeout: string): ActivityOptions => ({
  startToCloseTimeout,
  heartbeatTimeout,
  retry: retry(5, '1 minute'),
});

const { startRun, publishRun, failRun } = proxyActivities<SegflowActivities>(bookkeeping);
const { extractSource } = proxyActivities<SegflowActivities>(longStage('20 minutes', '20 seconds'));
const { cleanOrders } = proxyActivities<SegflowActivities>(longStage('20 minutes', '20 seconds'));
const { computeFeatures, scoreRfm, computeKpis } = proxyActivities<SegflowActivities>(longStage('10 minutes', '20 seconds'));
// Model fitting runs on the event loop between heartbeats: give it a longer heartbeat allowance.
const { fitKmeans, fitClv } = proxyActivities<SegflowActivities>(longStage('30 minutes', '2 minutes'));

/** One segmentation run for one as-of date: extract → clean → features → CLV → segment → KPIs → publish. */
export async function segmentationRun(input: SegmentationRunInput): Promise<SegmentationRunResult> {
  const runId = input.runId ?? uuid4();
  const { asOf, source, sourceFile } = input;
  const timings: Record<string, number> = {};
  await startRun({ runId, workflowId: workflowInfo().workflowId, asOf, source, sourceFile });
  try {
    const extracted = await extractSource({ runId, source, sourceFile });
    timings.extract = extracted.elapsedMs;
    const cleaned = await cleanOrders({ runId });
    timings.clean = cleaned.elapsedMs;
    const features = await computeFeatures({ runId, asOf });
    timings.features = features.elapsedMs;
    const clv = await fitClv({ runId, asOf });
    timings.clv = clv.elapsedMs;
    const rfm = await scoreRfm({ runId });
    timings.rfm = rfm.elapsedMs;
    const kmeans = await fitKmeans({ runId });
    timings.kmeans = kmeans.elapsedMs;
    const kpis = await computeKpis({ runId, asOf });
    timings.kpis = kpis.elapsedMs;
    const rowCounts = {
      linesRead: extracted.linesRead,
      accepted: cleaned.accepted,
      rejected: cleaned.rejected,
      rejectedByReason: cleaned.rejectedByReason,
      orders: cleaned.orders,
      customers: features.customers,
      customersWithClv: clv.customersValued,
      rfmSegments: rfm.segments,
      kmeansSegments: kmeans.segments,
      kpiRows: kpis.rows,
    };
    await publishRun({ runId, rowCounts, stageTimingsMs: timings });
    return { runId, asOf, rowCounts };
  } catch (error) {
    await CancellationScope.nonCancellable(() => failRun({ runId, failure: rootMessage(error) }));
    throw error;
  }
}

/** Activity failures arrive wrapped (ActivityFailure ← ApplicationFailure); the innermost message says what happened. */
function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
