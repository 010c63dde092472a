/** Distinct positive repeat-purchase counts and how many customers have each. */
export interface RepeatLevels {
  values: Float64Array;
  counts: Float64Array;
}

/**
 * Groups customers by x. The gamma-function terms of both likelihoods depend on x alone, and x has
 * few distinct values, so computing them once per level removes most of the cost of an evaluation.
 * With `weight`, entry i stands for weight[i] customers (a compressed summary).
 */
export function repeatLevels(x: Float64Array, weight?: Float64Array): RepeatLevels {
  const totals = new Map<number, number>();
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (xi > 0) totals.set(xi, (totals.get(xi) ?? 0) + (weight ? weight[i]! : 1));
  }
  const values = Float64Array.from(totals.keys()).sort();
  const counts = values.map((value) => totals.get(value)!);
  return { values, counts };
}
