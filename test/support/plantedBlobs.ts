import type { FeatureMatrix } from '../../src/segmentation/featureMatrix.js';
import { seededRandom } from '../../src/segmentation/seededRandom.js';

/** Six separated segments in 3-D with the company-in-a-box shares (champions … hibernating). */
export const SIX_CENTRES = [[6, 6, 0], [3, 3, 3], [8, 0, 4], [0, 0, 0], [3, 6, 7], [0, 3, 8]];
export const SIX_SHARES = [0.1, 0.18, 0.05, 0.2, 0.22, 0.25];

/**
 * n points, point i from segment drawn by `shares`, Gaussian noise of `spread` around its centre.
 * Seeded, so the same arguments give the same matrix; `skip` draws (and drops) that many points
 * first, so extra customers can be made from the same distribution without repeating earlier ones.
 */
export function plantedBlobs(
  { n, centres, shares, spread = 0.6, seed = 7, skip = 0 }: { n: number; centres: number[][]; shares: number[]; spread?: number; seed?: number; skip?: number },
): { matrix: FeatureMatrix; truth: Int32Array } {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const d = centres[0]!.length;
  const total = shares.reduce((a, b) => a + b, 0);
  const draw = () => {
    let u = random() * total;
    let segment = 0;
    while (segment < shares.length - 1 && u >= shares[segment]!) u -= shares[segment++]!;
    return { segment, row: centres[segment]!.map((c) => c + spread * gaussian()) };
  };
  for (let i = 0; i < skip; i++) draw();
  const values = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const { segment, row } = draw();
    truth[i] = segment;
    values.set(row, i * d);
  }
  return { matrix: { n, d, values }, truth };
}

/** Rows of `a` followed by rows of `b`. */
export function concatMatrices(a: FeatureMatrix, b: FeatureMatrix): FeatureMatrix {
  const values = new Float64Array(a.values.length + b.values.length);
  values.set(a.values);
  values.set(b.values, a.values.length);
  return { n: a.n + b.n, d: a.d, values };
}
