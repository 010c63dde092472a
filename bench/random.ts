import { seededRandom } from '../src/segmentation/seededRandom.js';

/** Seeded random variates for simulations: mulberry32 uniforms, Gamma (Marsaglia–Tsang) and Beta. */
export interface Random {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Gamma(shape, 1). */
  gamma(shape: number): number;
  /** Beta(a, b), as G_a / (G_a + G_b). */
  beta(a: number, b: number): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
}

export function createRandom(seed: number): Random {
  const uniform = seededRandom(seed);
  // Marsaglia polar method; the second variate is dropped for simplicity.
  const normal = () => {
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  };
  const gamma = (shape: number): number => {
    // Shape < 1: Gamma(shape) = Gamma(shape + 1) · U^(1/shape).
    if (shape < 1) return gamma(shape + 1) * Math.pow(1 - uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let z: number;
      let v: number;
      do {
        z = normal();
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - uniform();
      if (u < 1 - 0.0331 * z ** 4 || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  return {
    uniform,
    gamma,
    beta: (a, b) => {
      const ga = gamma(a);
      return ga / (ga + gamma(b));
    },
    exponential: (rate) => -Math.log(1 - uniform()) / rate,
  };
}
