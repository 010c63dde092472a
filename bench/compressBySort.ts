import type { BgnbdData } from '../src/features/clv/bgnbdData.js';
import type { WeightedBgnbdData } from '../src/features/clv/compressSummary.js';

/** The alternative to compressBgnbdData's hash table, kept for the benchmark: sort indices by (x, tx, T), then merge runs. */
export function compressBySort({ x, tx, T }: BgnbdData): WeightedBgnbdData {
  const n = x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => x[i]! - x[j]! || tx[i]! - tx[j]! || T[i]! - T[j]!);
  const gx: number[] = [];
  const gtx: number[] = [];
  const gT: number[] = [];
  const weight: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const last = gx.length - 1;
    if (last >= 0 && gx[last] === x[i] && gtx[last] === tx[i] && gT[last] === T[i]) weight[last]! += 1;
    else {
      gx.push(x[i]!);
      gtx.push(tx[i]!);
      gT.push(T[i]!);
      weight.push(1);
    }
  }
  return { x: Float64Array.from(gx), tx: Float64Array.from(gtx), T: Float64Array.from(gT), weight: Float64Array.from(weight), customers: n };
}
