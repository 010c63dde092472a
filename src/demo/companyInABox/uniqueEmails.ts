import { mixSeed } from './randomDraws.js';

/**
 * Counts how often an email address was already handed out, so a second "john.smith@gmail.com"
 * becomes "john.smith2@gmail.com". Keys are 52-bit hashes of the address in an open-addressing
 * table of typed arrays: a million addresses cost ~24 MB instead of a Map of strings.
 */
export class EmailCounter {
  private readonly keys: Float64Array;
  private readonly counts: Uint16Array;
  private readonly mask: number;

  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.counts = new Uint16Array(size);
    this.mask = size - 1;
  }

  /** How many times `address` was seen before this call (0 the first time). */
  next(address: string): number {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < address.length; i++) {
      const c = address.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    // +1 keeps 0 free to mean "empty slot".
    const key = (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff) + 1;
    let slot = mixSeed(h1, h2) & this.mask;
    for (;;) {
      const existing = this.keys[slot]!;
      if (existing === 0) {
        this.keys[slot] = key;
        return 0;
      }
      if (existing === key) {
        const seen = this.counts[slot]! + 1;
        this.counts[slot] = Math.min(seen, 65535);
        return seen;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}
