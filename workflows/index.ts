export { segmentationRun } from './segmentationRun.js';
export type { SegmentationRunInput, SegmentationRunResult } from './segmentationRun.js';
