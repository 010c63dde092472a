import type { Knex } from 'knex';

/** What activities need from the process that hosts them; built once by the worker. */
export interface ActivityDeps {
  db: Knex;
  dataDir: string;
  kmeansSeed: number;
  codeVersion: string;
}

export interface RunRef {
  runId: string;
}

export interface StartRunInput extends RunRef {
  workflowId: string;
  asOf: string;
  source: string;
  sourceFile?: string;
}

export interface ExtractInput extends RunRef {
  source: string;
  sourceFile?: string;
}

export interface AsOfInput extends RunRef {
  asOf: string;
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
