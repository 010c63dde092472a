/** What the quarterly review report shows, as read from the published output views. */
import type { KpiUnit } from './formatNumbers.js';

export const REPORT_SCHEMES = ['rfm', 'kmeans', 'firmographic'] as const;
export type ReportScheme = (typeof REPORT_SCHEMES)[number];
/** The snapshots' one-row scheme for every customer of the run. */
export const ALL_CUSTOMERS = 'all';

export interface KpiDefinition {
  kpi: string;
  label: string;
  unit: KpiUnit;
  formula: string;
  higherIsBetter: boolean | null;
  isKey: boolean;
  displayOrder: number;
}

/** The published run that stands for a quarter. */
export interface QuarterRun {
  quarter: string;
  runId: string;
  asOf: string;
  quarterStart: string;
  periodEnd: string;
  isPartial: boolean;
}

export interface SnapshotRow {
  quarter: string;
  isPartial: boolean;
  scheme: string;
  segmentId: number;
  segmentLabel: string;
  /** KPI name → value; null when it could not be computed (see nullReasons). */
  values: Record<string, number | null>;
  nullReasons: Record<string, string>;
}

export interface ComparisonRow {
  scheme: string;
  segmentId: number;
  segmentLabel: string;
  kpi: string;
  kpiLabel: string;
  unit: KpiUnit;
  previousValue: number | null;
  currentValue: number | null;
  change: number | null;
  /** change / previous value, as a ratio. */
  pctChange: number | null;
  higherIsBetter: boolean | null;
  isKey: boolean;
  isUnderperforming: boolean;
  currentIsPartial: boolean;
  displayOrder: number;
  /** Why a value is null, from the snapshots. */
  previousNullReason: string | null;
  currentNullReason: string | null;
}

export interface MigrationFlow {
  scheme: string;
  /** null: customers new in the quarter. */
  fromSegmentId: number | null;
  fromLabel: string | null;
  /** null: customers lost by the quarter. */
  toSegmentId: number | null;
  toLabel: string | null;
  customers: number;
  revenue: number | null;
  previousRevenue: number | null;
}

export interface SegmentSuggestion {
  scheme: string;
  segmentId: number;
  segmentLabel: string;
  suggestion: 'merge' | 'split';
  withSegmentId: number | null;
  withSegmentLabel: string | null;
  reason: string;
  measure: number | null;
}

export interface PersonaTrait {
  feature: string;
  z: number;
  segmentMean: number;
  populationMean: number;
}

export interface SegmentPersona {
  scheme: string;
  segmentId: number;
  label: string;
  description: string;
  customers: number;
  customerShare: number;
  monetaryShare: number | null;
  summary: string | null;
  action: string | null;
  traits: PersonaTrait[];
}

/** One cell of the RFM grid: customers with recency score r and frequency score f. */
export interface RfmGridCell {
  recencyScore: number;
  frequencyScore: number;
  customers: number;
  monetary: number;
}

export interface ReportData {
  current: QuarterRun;
  /** Name of the quarter compared with, whether or not it has a published snapshot. */
  compareQuarter: string;
  /** null when the compared quarter has no published snapshot (only allowed when it was not asked for). */
  previous: QuarterRun | null;
  /** True when the compared quarter is the one just before: only then are flags and migration published. */
  consecutive: boolean;
  schemes: ReportScheme[];
  definitions: KpiDefinition[];
  /** Snapshots of every published quarter up to the reported one, for the schemes shown and all customers. */
  history: SnapshotRow[];
  comparison: ComparisonRow[];
  migration: MigrationFlow[];
  suggestions: SegmentSuggestion[];
  personas: SegmentPersona[];
  rfmGrid: RfmGridCell[];
}
