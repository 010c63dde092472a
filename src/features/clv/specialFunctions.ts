/** Lanczos coefficients for g = 7, n = 9 (about 15 significant digits for positive arguments). */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln |Γ(z)| by the Lanczos approximation, with the reflection formula below 0.5.
 * The likelihoods only need positive arguments; Infinity at the poles (0, -1, -2, …).
 */
export function logGamma(z: number): number {
  if (z < 0.5) {
    const sine = Math.sin(Math.PI * z);
    if (sine === 0) return Infinity;
    return Math.log(Math.PI / Math.abs(sine)) - logGamma(1 - z);
  }
  const w = z - 1;
  let series = LANCZOS[0];
  for (let k = 1; k < LANCZOS.length; k++) series += LANCZOS[k]! / (w + k);
  const t = w + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (w + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ln(e^u + e^v) without overflow or underflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

const SERIES_EPSILON = 1e-16;

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) by its power series, for |z| < 1.
 * Stops once the term ratio is below 1 and the geometric estimate of the tail, term / (1 − ratio),
 * is negligible; near z = 1 the tail is many times the last term. Throws rather than return a wrong sum.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 1_000_000): number {
  if (!(Math.abs(z) < 1)) throw new RangeError(`hyp2f1: series needs |z| < 1, got z = ${z}`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1: c must not be a non-positive integer, got ${c}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    const shrink = 1 - Math.abs(ratio);
    if (shrink > 0 && Math.abs(term) <= SERIES_EPSILON * Math.abs(sum) * shrink) return sum;
  }
  throw new RangeError(`hyp2f1: series did not converge in ${maxTerms} terms (a=${a}, b=${b}, c=${c}, z=${z})`);
}
