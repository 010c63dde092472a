import type { Knex } from 'knex';
import type { QualityGates } from '../src/quality/qualityGates.js';
import type { ScalingMethod } from '../src/segmentation/prepareFeatures.js';
import type { KmeansFeature } from '../src/segmentation/readRfmMatrix.js';
import type { RfmCutPoints } from '../src/segmentation/rfmCutPoints.js';

/** What activities need from the process that hosts them; built once by the worker. */
export interface ActivityDeps {
  db: Knex;
  dataDir: string;
  kmeansSeed: number;
  codeVersion: string;
  /** Environment variables a sources file may name for secrets. */
  sourceEnv: Readonly<Record<string, string | undefined>>;
  /** HMAC key that pseudonymises emails and phones (SEGFLOW_PII_KEY); identity resolution fails without it. */
  piiKey: string | undefined;
  /** SEGFLOW_AS_OF_CLAIM_TIMEOUT_MINUTES: after this a newer run may take over a running run's claim on its as-of date. */
  asOfClaimTimeoutMinutes?: number;
  /** Thresholds of the quality gates checked before publishing; defaults when absent. */
  qualityGates?: QualityGates;
  /** Customers per partition of a partitioned stage (SEGFLOW_PARTITION_CUSTOMERS); 250,000 when absent. */
  partitionCustomers?: number;
  /** The most customers k-means and the CLV models are fitted on (SEGFLOW_FIT_SAMPLE_CUSTOMERS); 250,000 when absent. */
  fitSampleCustomers?: number;
}

export interface RunRef {
  runId: string;
}

export interface FitKmeansInput extends RunRef {
  /** How features are scaled before clustering; z-score unless asked (robust: median / IQR). */
  scaling?: ScalingMethod;
  /** Weight per feature after scaling; 1 when absent. */
  featureWeights?: Partial<Record<KmeansFeature, number>>;
}

export interface ScoreRfmInput extends RunRef {
  /** Explicit score thresholds per dimension; tie-aware quintiles for a dimension not given. */
  rfmCutPoints?: RfmCutPoints;
}

export interface StartRunInput extends RunRef {
  workflowId: string;
  asOf: string;
  source: string;
  sourceFile?: string;
  sourcesFile?: string;
  fullRefresh?: boolean;
}

export interface ExtractInput extends RunRef {
  source: string;
  sourceFile?: string;
}

export interface PlanExtractInput extends RunRef {
  sourcesFile: string;
}

/** Objects to extract, per source: references only. */
export interface ExtractPlan extends StageResult {
  sources: Array<{ source: string; objects: string[] }>;
}

export interface ExtractObjectInput extends RunRef {
  sourcesFile: string;
  source: string;
  object: string;
  fullRefresh: boolean;
}

export interface ExtractObjectResult extends StageResult {
  source: string;
  object: string;
  recordsRead: number;
  rowsLanded: number;
  rowsRejected: number;
  resumed: boolean;
}

export interface CleanInput extends RunRef {
  /** Sources whose landed orders and lines make up the run; absent for an Online Retail file run. */
  sources?: string[];
}

export interface AsOfInput extends RunRef {
  asOf: string;
}

/** One hash partition of a run's customers: customers whose id hashes to `partition` modulo `partitions`. */
export interface PartitionInput extends AsOfInput {
  partition: number;
  partitions: number;
  /** Stage the values in core.clv_values for applyCustomerValues instead of updating customer_features (histories before it leave it unset). */
  staged?: boolean;
}

export interface StageResult {
  elapsedMs: number;
}

export interface ExtractResult extends StageResult {
  linesRead: number;
}

export interface CleanResult extends StageResult {
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  orders: number;
}

export interface FeaturesResult extends StageResult {
  customers: number;
}

export interface SegmentationResult extends StageResult {
  scheme: string;
  customers: number;
  segments: number;
}

export interface KpiResult extends StageResult {
  quarter: string;
  rows: number;
}

export interface PublishInput extends RunRef {
  rowCounts: Record<string, number | Record<string, number>>;
  stageTimingsMs: Record<string, number>;
}

export interface FailRunInput extends RunRef {
  failure: string;
}
