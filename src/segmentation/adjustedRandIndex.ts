/** One cell of a contingency table: how many points carry `truth` in one labeling and `predicted` in the other. */
export interface ContingencyCell {
  truth: number;
  predicted: number;
  count: number;
}

/**
 * Adjusted Rand index (Hubert & Arabie) of two labelings of the same points: 1 for identical
 * partitions (whatever the label numbers), about 0 for independent ones, negative below chance.
 * When neither labeling splits the points in a way chance could vary (both one cluster, or both
 * all singletons) the index is 1, as in scikit-learn.
 */
export function adjustedRandIndex(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = truth.length;
  if (predicted.length !== n) throw new RangeError(`labelings differ in length: ${n} vs ${predicted.length}`);
  const joint = new Map<string, ContingencyCell>();
  for (let i = 0; i < n; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    const key = `${t}\u0000${p}`;
    const cell = joint.get(key);
    if (cell) cell.count += 1;
    else joint.set(key, { truth: t, predicted: p, count: 1 });
  }
  return adjustedRandIndexOfCells(joint.values());
}

/** The same index from the contingency table alone (e.g. counted by the database), each pair of labels once. */
export function adjustedRandIndexOfCells(cells: Iterable<ContingencyCell>): number {
  const pairs = (count: number) => (count * (count - 1)) / 2;
  const truthSizes = new Map<number, number>();
  const predictedSizes = new Map<number, number>();
  let n = 0;
  let index = 0;
  for (const { truth, predicted, count } of cells) {
    n += count;
    index += pairs(count);
    truthSizes.set(truth, (truthSizes.get(truth) ?? 0) + count);
    predictedSizes.set(predicted, (predictedSizes.get(predicted) ?? 0) + count);
  }
  let truthPairs = 0;
  for (const count of truthSizes.values()) truthPairs += pairs(count);
  let predictedPairs = 0;
  for (const count of predictedSizes.values()) predictedPairs += pairs(count);
  const expected = n < 2 ? 0 : (truthPairs * predictedPairs) / pairs(n);
  const maximum = (truthPairs + predictedPairs) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
