import type { FeatureMatrix } from './featureMatrix.js';

/**
 * Mean silhouette coefficient over the points in `sample`, measured against the other sampled
 * points (Rousseeuw 1987). A point alone in its cluster within the sample scores 0.
 */
export function meanSilhouette(matrix: FeatureMatrix, labels: Int32Array, k: number, sample: Int32Array): number {
  const { d, values } = matrix;
  const s = sample.length;
  if (s < 2 || k < 2) return 0;
  const sizes = new Float64Array(k);
  for (let a = 0; a < s; a++) sizes[labels[sample[a]!]!]! += 1;
  const distanceSums = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < s; a++) {
    const i = sample[a]!;
    distanceSums.fill(0);
    for (let b = 0; b < s; b++) {
      if (a === b) continue;
      const j = sample[b]!;
      let squared = 0;
      for (let c = 0; c < d; c++) {
        const diff = values[i * d + c]! - values[j * d + c]!;
        squared += diff * diff;
      }
      distanceSums[labels[j]!]! += Math.sqrt(squared);
    }
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const cohesion = distanceSums[own]! / (sizes[own]! - 1);
    let separation = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && sizes[c]! > 0) separation = Math.min(separation, distanceSums[c]! / sizes[c]!);
    }
    if (!Number.isFinite(separation)) continue;
    const width = Math.max(cohesion, separation);
    total += width > 0 ? (separation - cohesion) / width : 0;
  }
  return total / s;
}
