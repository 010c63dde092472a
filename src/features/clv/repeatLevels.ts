/** Distinct positive repeat-purchase counts and how many customers have each. */
export interface RepeatLevels {
  values: Float64Array;
  counts: Float64Array;
}

/**
 * Groups customers by x. The gamma-function terms of both likelihoods depend on x alone, and x has
 * few distinct values, so computing them once per level removes most of the cost of an evaluation.
 */
export function repeatLevels(x: Float64Array): RepeatLevels {
  const sorted = x.filter((value) => value > 0).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const values = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let level = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) values[++level] = sorted[i]!;
    counts[level]! += 1;
  }
  return { values, counts };
}
