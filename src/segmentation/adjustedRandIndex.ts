/**
 * Adjusted Rand index (Hubert & Arabie) of two labelings of the same points: 1 for identical
 * partitions (whatever the label numbers), about 0 for independent ones, negative below chance.
 * When neither labeling splits the points in a way chance could vary (both one cluster, or both
 * all singletons) the index is 1, as in scikit-learn.
 */
export function adjustedRandIndex(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = truth.length;
  if (predicted.length !== n) throw new RangeError(`labelings differ in length: ${n} vs ${predicted.length}`);
  const pairs = (count: number) => (count * (count - 1)) / 2;
  const joint = new Map<string, number>();
  const truthSizes = new Map<number, number>();
  const predictedSizes = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    const key = `${t}\u0000${p}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    truthSizes.set(t, (truthSizes.get(t) ?? 0) + 1);
    predictedSizes.set(p, (predictedSizes.get(p) ?? 0) + 1);
  }
  let index = 0;
  for (const count of joint.values()) index += pairs(count);
  let truthPairs = 0;
  for (const count of truthSizes.values()) truthPairs += pairs(count);
  let predictedPairs = 0;
  for (const count of predictedSizes.values()) predictedPairs += pairs(count);
  const expected = n < 2 ? 0 : (truthPairs * predictedPairs) / pairs(n);
  const maximum = (truthPairs + predictedPairs) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
