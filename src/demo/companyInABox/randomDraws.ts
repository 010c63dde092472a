import { seededRandom } from '../../segmentation/seededRandom.js';

/**
 * Mixes numbers into one 32-bit seed (murmur3 finaliser per part). Every person, session and
 * order gets its own stream from (seed, purpose, index), so a record can be regenerated on its own
 * and the output does not depend on the order in which the generator visits things.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul((part >>> 0) ^ Math.floor(part / 4294967296), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Purposes of the derived streams, so two uses of the same index never share numbers. */
export const STREAM = {
  company: 1,
  person: 2,
  timeline: 3,
  session: 4,
  order: 5,
  noise: 6,
  opportunity: 7,
  activity: 8,
  exports: 9,
  adobeHit: 10,
} as const;

/** Seeded draws (mulberry32 underneath) with the distributions the population model needs. */
export class Draws {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  static for(seed: number, purpose: number, ...index: number[]): Draws {
    return new Draws(mixSeed(seed, purpose, ...index));
  }

  uniform(): number {
    return this.next();
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with probability proportional to weights[i]. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  normal(): number {
    // Box–Muller; 1 - u keeps the log finite.
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A string of `length` decimal digits (the first one non-zero). */
  digits(length: number): string {
    let out = String(1 + this.below(9));
    while (out.length < length) out += String(this.below(10));
    return out;
  }
}
