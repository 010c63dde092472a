/** Thresholds a run must meet before it is published; set by SEGFLOW_GATE_* variables (src/config.ts). */
export interface QualityGates {
  /** Fail when the customer count falls by more than this percentage against the previous published run of the source. */
  maxCustomerDropPct: number;
  /** Fail when more than this share of customers lacks a key feature (recency, frequency or monetary). */
  maxKeyFeatureNullRate: number;
  /** Fail when more than this share of lines read is rejected for a reason other than a missing customer. */
  maxRejectRate: number;
  /** Fail when the latest order is more than this many days before the as-of date; undefined turns the gate off. */
  maxDataAgeDays: number | undefined;
}

/**
 * Defaults that pass every Online Retail run: its customer counts only grow with the as-of date, it
 * has no null key features beyond return-only customers (about 1%), and its only large reject reason
 * is missing_customer (a quarter of the lines are guest checkouts), which the reject gate leaves out.
 * Freshness is off by default: scheduled demo runs use today's date on data that ends in 2011.
 */
export const DEFAULT_QUALITY_GATES: QualityGates = {
  maxCustomerDropPct: 50,
  maxKeyFeatureNullRate: 0.25,
  maxRejectRate: 0.5,
  maxDataAgeDays: undefined,
};

/** What checkQuality measured for a run. */
export interface QualityMeasures {
  customers: number;
  previousRunId: string | null;
  previousCustomers: number | null;
  customersMissingKeyFeature: number;
  linesRead: number;
  rejectedExceptMissingCustomer: number;
  latestOrderDate: string | null;
  dataAgeDays: number | null;
}

export interface GateResult {
  gate: 'customer_drop' | 'key_feature_nulls' | 'reject_rate' | 'freshness';
  measured: number;
  threshold: number;
  passed: boolean;
}

/** The verdict recorded in segflow.runs.quality. */
export interface QualityVerdict {
  passed: boolean;
  gates: GateResult[];
  measures: QualityMeasures;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Applies the thresholds to the measures; a gate without data to judge (no previous run, no lines) is skipped. */
export function judgeQuality(measures: QualityMeasures, gates: QualityGates): QualityVerdict {
  const results: GateResult[] = [];
  const check = (gate: GateResult['gate'], measured: number, threshold: number) =>
    results.push({ gate, measured: round(measured), threshold, passed: measured <= threshold });
  if (measures.previousCustomers !== null && measures.previousCustomers > 0) {
    check('customer_drop', (100 * (measures.previousCustomers - measures.customers)) / measures.previousCustomers, gates.maxCustomerDropPct);
  }
  if (measures.customers > 0) check('key_feature_nulls', measures.customersMissingKeyFeature / measures.customers, gates.maxKeyFeatureNullRate);
  if (measures.linesRead > 0) check('reject_rate', measures.rejectedExceptMissingCustomer / measures.linesRead, gates.maxRejectRate);
  if (gates.maxDataAgeDays !== undefined && measures.dataAgeDays !== null) check('freshness', measures.dataAgeDays, gates.maxDataAgeDays);
  return { passed: results.every((r) => r.passed), gates: results, measures };
}

const UNIT: Record<GateResult['gate'], string> = {
  customer_drop: '% fewer customers than the previous published run',
  key_feature_nulls: ' of customers without recency, frequency or monetary',
  reject_rate: ' of lines rejected (missing_customer not counted)',
  freshness: ' days between the latest order and the as-of date',
};

const SETTING: Record<GateResult['gate'], string> = {
  customer_drop: 'SEGFLOW_GATE_MAX_CUSTOMER_DROP_PCT',
  key_feature_nulls: 'SEGFLOW_GATE_MAX_KEY_FEATURE_NULL_RATE',
  reject_rate: 'SEGFLOW_GATE_MAX_REJECT_RATE',
  freshness: 'SEGFLOW_GATE_MAX_DATA_AGE_DAYS',
};

/** One line per failed gate: its name, what was measured and the threshold it exceeded. */
export function describeFailedGates(verdict: QualityVerdict): string {
  return verdict.gates
    .filter((g) => !g.passed)
    .map((g) => `gate ${g.gate} failed: ${g.measured}${UNIT[g.gate]} exceeds the threshold ${g.threshold} (${SETTING[g.gate]})`)
    .join('; ');
}
