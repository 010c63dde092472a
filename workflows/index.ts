export { segmentationRun } from './segmentationRun.js';
export type { SegmentationRunInput, SegmentationRunResult } from './segmentationRun.js';
export { backfill } from './backfill.js';
export type { BackfillInput, BackfillProgress, BackfillTally } from './backfill.js';
export type { RunProgress } from './runProgress.js';
