/**
 * Thresholds of the merge and split suggestions (sql/stages/segment_suggestions.sql). Distances and
 * spreads are in the k-means feature space: log1p monetary, frequency and recency, z-scored over the
 * scheme's customers.
 */
export interface SegmentSuggestionRules {
  /** Merge a segment holding a smaller share of the scheme's customers than this into its nearest segment. */
  minCustomerShare: number;
  /** Merge two segments whose mean feature vectors are closer than this. */
  similarDistance: number;
  /** Split a segment whose spread is more than this fraction of the spread of all the scheme's customers. */
  splitSpreadRatio: number;
}

/**
 * 2 % is the smallest segment k-means accepts. On Online Retail the closest RFM segments are 0.43
 * apart and the broadest (Champions) spreads 0.76–0.87 of the whole scheme; 0.25 and 0.8 flag
 * near-duplicates and segments nearly as mixed as all customers, not the usual differences.
 */
export const SEGMENT_SUGGESTION_RULES: Readonly<SegmentSuggestionRules> = {
  minCustomerShare: 0.02,
  similarDistance: 0.25,
  splitSpreadRatio: 0.8,
};

/** The stage's named bindings; rejects thresholds the rules cannot use, naming the bad one. */
export function segmentSuggestionBindings(runId: string, rules: SegmentSuggestionRules): Record<string, string | number> {
  const problems = [
    !(rules.minCustomerShare > 0 && rules.minCustomerShare < 0.5) && `minCustomerShare must lie between 0 and 0.5, got ${rules.minCustomerShare}`,
    !(rules.similarDistance > 0 && Number.isFinite(rules.similarDistance)) && `similarDistance must be a positive number, got ${rules.similarDistance}`,
    !(rules.splitSpreadRatio > 0 && Number.isFinite(rules.splitSpreadRatio)) && `splitSpreadRatio must be a positive number, got ${rules.splitSpreadRatio}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new Error(`segment suggestion rules: ${problems.join('; ')}`);
  return {
    run_id: runId,
    min_customer_share: rules.minCustomerShare,
    similar_distance: rules.similarDistance,
    split_spread_ratio: rules.splitSpreadRatio,
  };
}
