import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_QUALITY_GATES, describeFailedGates, judgeQuality, type QualityMeasures } from '../../src/quality/qualityGates.js';

/** The full Online Retail file as of 2011-12-09, rerun after an identical published run. */
const ONLINE_RETAIL: QualityMeasures = {
  customers: 4_372,
  previousRunId: 'previous',
  previousCustomers: 4_372,
  customersMissingKeyFeature: 33,
  linesRead: 541_909,
  rejectedExceptMissingCustomer: 40,
  latestOrderDate: '2011-12-09',
  dataAgeDays: 0,
};

describe('judgeQuality', () => {
  it('passes Online Retail with the default thresholds', () => {
    expect(judgeQuality(ONLINE_RETAIL, DEFAULT_QUALITY_GATES).passed).toBe(true);
  });

  it('fails a customer drop beyond the threshold and names it with the measured value', () => {
    const verdict = judgeQuality({ ...ONLINE_RETAIL, customers: 2_000 }, DEFAULT_QUALITY_GATES);
    expect(verdict.passed).toBe(false);
    expect(describeFailedGates(verdict)).toBe(
      'gate customer_drop failed: 54.2543% fewer customers than the previous published run exceeds the threshold 50 (SEGFLOW_GATE_MAX_CUSTOMER_DROP_PCT)',
    );
  });

  it('skips the customer-drop gate for the first run of a source', () => {
    const verdict = judgeQuality({ ...ONLINE_RETAIL, previousRunId: null, previousCustomers: null }, DEFAULT_QUALITY_GATES);
    expect(verdict.gates.map((g) => g.gate)).toEqual(['key_feature_nulls', 'reject_rate']);
  });

  it('fails when too many customers lack a key feature', () => {
    const verdict = judgeQuality({ ...ONLINE_RETAIL, customersMissingKeyFeature: 1_500 }, DEFAULT_QUALITY_GATES);
    expect(verdict.gates.find((g) => g.gate === 'key_feature_nulls')).toEqual({ gate: 'key_feature_nulls', measured: 0.3431, threshold: 0.25, passed: false });
  });

  it('fails when more than half the lines are rejected for reasons other than a missing customer', () => {
    const verdict = judgeQuality({ ...ONLINE_RETAIL, rejectedExceptMissingCustomer: 300_000 }, DEFAULT_QUALITY_GATES);
    expect(verdict.gates.find((g) => g.gate === 'reject_rate')).toEqual({ gate: 'reject_rate', measured: 0.5536, threshold: 0.5, passed: false });
  });

  it('judges freshness only when a maximum data age is set', () => {
    const stale = { ...ONLINE_RETAIL, dataAgeDays: 45 };
    expect(judgeQuality(stale, DEFAULT_QUALITY_GATES).passed).toBe(true);
    const verdict = judgeQuality(stale, { ...DEFAULT_QUALITY_GATES, maxDataAgeDays: 30 });
    expect(describeFailedGates(verdict)).toBe(
      'gate freshness failed: 45 days between the latest order and the as-of date exceeds the threshold 30 (SEGFLOW_GATE_MAX_DATA_AGE_DAYS)',
    );
  });
});

describe('quality-gate and claim settings', () => {
  it('reads thresholds and the claim timeout from the environment', () => {
    const config = loadConfig({
      SEGFLOW_GATE_MAX_CUSTOMER_DROP_PCT: '20', SEGFLOW_GATE_MAX_KEY_FEATURE_NULL_RATE: '0.1', SEGFLOW_GATE_MAX_REJECT_RATE: '0.05',
      SEGFLOW_GATE_MAX_DATA_AGE_DAYS: '30', SEGFLOW_AS_OF_CLAIM_TIMEOUT_MINUTES: '90',
    });
    expect(config.qualityGates).toEqual({ maxCustomerDropPct: 20, maxKeyFeatureNullRate: 0.1, maxRejectRate: 0.05, maxDataAgeDays: 30 });
    expect(config.asOfClaimTimeoutMinutes).toBe(90);
  });

  it('defaults to the documented thresholds and a six-hour claim', () => {
    const config = loadConfig({});
    expect(config.qualityGates).toEqual({ maxCustomerDropPct: 50, maxKeyFeatureNullRate: 0.25, maxRejectRate: 0.5, maxDataAgeDays: undefined });
    expect(config.asOfClaimTimeoutMinutes).toBe(360);
  });

  it('rejects a threshold that is not a positive number', () => {
    expect(() => loadConfig({ SEGFLOW_GATE_MAX_REJECT_RATE: 'half' })).toThrow('SEGFLOW_GATE_MAX_REJECT_RATE="half" is not a positive number');
  });
});
