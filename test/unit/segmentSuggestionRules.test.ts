import { describe, expect, it } from 'vitest';
import { SEGMENT_SUGGESTION_RULES, segmentSuggestionBindings } from '../../src/kpi/segmentSuggestionRules.js';

describe('segment suggestion rules', () => {
  it('default to a 2 % minimum share, a 0.25 similarity distance and a 0.8 split ratio', () => {
    expect(SEGMENT_SUGGESTION_RULES).toEqual({ minCustomerShare: 0.02, similarDistance: 0.25, splitSpreadRatio: 0.8 });
  });

  it('become the named bindings of the stage', () => {
    expect(segmentSuggestionBindings('run-1', SEGMENT_SUGGESTION_RULES)).toEqual({
      run_id: 'run-1',
      min_customer_share: 0.02,
      similar_distance: 0.25,
      split_spread_ratio: 0.8,
    });
  });

  it('reject every unusable threshold at once, naming each', () => {
    expect(() => segmentSuggestionBindings('run-1', { minCustomerShare: 0.5, similarDistance: 0, splitSpreadRatio: Number.NaN })).toThrow(
      'segment suggestion rules: minCustomerShare must lie between 0 and 0.5, got 0.5; similarDistance must be a positive number, got 0; splitSpreadRatio must be a positive number, got NaN',
    );
  });

  it('accept a share just above 0', () => {
    expect(segmentSuggestionBindings('run-1', { ...SEGMENT_SUGGESTION_RULES, minCustomerShare: 0.001 }).min_customer_share).toBe(0.001);
  });
});
