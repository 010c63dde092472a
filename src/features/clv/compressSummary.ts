import type { BgnbdData } from './bgnbdData.js';

/**
 * A BG/NBD summary as distinct (x, tx, T) triples: `weight[i]` customers share triple i.
 * Their likelihood terms are identical, so each triple is evaluated once and its term multiplied by the weight.
 */
export interface WeightedBgnbdData extends BgnbdData {
  weight: Float64Array;
  /** Σ weight: the number of customers in the original summary. */
  customers: number;
}

/** The summary as it is, every customer its own triple of weight 1 (the reference the compression must match). */
export function withUnitWeights(data: BgnbdData): WeightedBgnbdData {
  return { x: data.x, tx: data.tx, T: data.T, weight: new Float64Array(data.x.length).fill(1), customers: data.x.length };
}

/**
 * Groups customers with identical (x, tx, T), in order of first appearance, with an open-addressing
 * hash table over the values' bits: O(n) expected time, no per-customer strings or objects.
 * At 1M customers this is several times faster than sorting the indices by (x, tx, T).
 * Expects validated data: NaN never equals itself, so NaN customers would each stay apart.
 */
export function compressBgnbdData(data: BgnbdData): WeightedBgnbdData {
  const { x, tx, T } = data;
  const n = x.length;
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  const gx = new Float64Array(n);
  const gtx = new Float64Array(n);
  const gT = new Float64Array(n);
  const weight = new Float64Array(n);
  const bits = new Float64Array(3);
  const words = new Int32Array(bits.buffer);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    // + 0 turns -0 into 0, so the bits of equal values are equal.
    const xi = x[i]! + 0;
    const txi = tx[i]! + 0;
    const Ti = T[i]! + 0;
    bits[0] = xi;
    bits[1] = txi;
    bits[2] = Ti;
    let hash = 0x811c9dc5;
    for (let w = 0; w < 6; w++) hash = Math.imul(hash ^ words[w]!, 0x01000193);
    hash ^= hash >>> 15;
    hash = Math.imul(hash, 0x2c1b3c6d);
    hash ^= hash >>> 12;
    let slot = hash & mask;
    for (;;) {
      const g = slots[slot]!;
      if (g === -1) {
        slots[slot] = groups;
        gx[groups] = xi;
        gtx[groups] = txi;
        gT[groups] = Ti;
        weight[groups] = 1;
        groups++;
        break;
      }
      if (gx[g] === xi && gtx[g] === txi && gT[g] === Ti) {
        weight[g]! += 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { x: gx.slice(0, groups), tx: gtx.slice(0, groups), T: gT.slice(0, groups), weight: weight.slice(0, groups), customers: n };
}
