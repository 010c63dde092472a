import { BLOCK_ROWS, type KmeansWorkspace } from './kmeansWorkspace.js';

/** One pass over a range of blocks; the main thread and the workers run exactly these. */
export type BlockOperation =
  /**
   * Nearest of the first `centers` centres per point, with per-block sums, counts, inertia and label
   * changes. With `bounds`, a point whose own centroid is provably nearest (Hamerly's test against
   * workspace.lowerBounds and workspace.halfGaps) skips the other centres.
   */
  | { kind: 'assign'; centers: number; bounds?: BoundsUpdate }
  /** Squared distance to centre 0 into seed-distance slot `slot`, summed per block (the first k-means++ seed). */
  | { kind: 'seedDistances'; slot: number }
  /**
   * Per candidate t (centre t): min(slot `fromSlot`, distance to the candidate) into slot
   * candidateSlot(fromSlot, t), summed per block into scalar t.
   */
  | { kind: 'candidatePotentials'; candidates: number; fromSlot: number }
  /** Per-block column sums and sums of squares of (value − first row) into workspace.blockColumnStats. */
  | { kind: 'columnStats' };

/**
 * How far the centroids moved since the lower bounds were set. Every distance here is computed from
 * correctly rounded differences, so its error is relative (about d·2⁻⁵³); the skip test widens each
 * side by BOUND_MARGIN, far beyond that, so a skipped point is one a full pass would not move.
 */
export interface BoundsUpdate {
  /** Largest centroid shift (distance), already widened by BOUND_MARGIN, and whose it is; the second largest, for that centroid's own points. */
  maxShift: number;
  maxShiftCenter: number;
  secondMaxShift: number;
}

export const BOUND_MARGIN = 1e-9;

/** The slot candidate t of a k-means++ step writes, given the slot holding the chosen seeds' distances. */
export function candidateSlot(fromSlot: number, t: number): number {
  return t < fromSlot ? t : t + 1;
}

// Per-thread scratch for the squared distances of one point to every centre.
let scores = new Float64Array(16);

function scratchFor(count: number): Float64Array {
  if (scores.length < count) scores = new Float64Array(count);
  return scores;
}

/**
 * out[j − first] = ‖x − c_j‖² for centres first..first+count−1. The features run in chunks of 8, 4
 * and 3/2/1 held in locals, which V8 compiles to straight-line code: about twice as fast as a plain
 * loop over d. Subtracting before squaring keeps the digits far from the origin, so the winner's
 * distance is exact enough for inertia without a second pass.
 */
function squaredDistances(x: Float64Array, base: number, d: number, cs: Float64Array, first: number, count: number, out: Float64Array): void {
  // A loop, not fill(): a builtin call per point costs more than the arithmetic at small k.
  for (let j = 0; j < count; j++) out[j] = 0;
  const q0 = first * d;
  let c = 0;
  for (; c + 8 <= d; c += 8) {
    const p = base + c;
    const x0 = x[p]!, x1 = x[p + 1]!, x2 = x[p + 2]!, x3 = x[p + 3]!, x4 = x[p + 4]!, x5 = x[p + 5]!, x6 = x[p + 6]!, x7 = x[p + 7]!;
    for (let j = 0, q = q0 + c; j < count; j++, q += d) {
      const e0 = x0 - cs[q]!, e1 = x1 - cs[q + 1]!, e2 = x2 - cs[q + 2]!, e3 = x3 - cs[q + 3]!;
      const e4 = x4 - cs[q + 4]!, e5 = x5 - cs[q + 5]!, e6 = x6 - cs[q + 6]!, e7 = x7 - cs[q + 7]!;
      out[j]! += (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
    }
  }
  if (c + 4 <= d) {
    const p = base + c;
    const x0 = x[p]!, x1 = x[p + 1]!, x2 = x[p + 2]!, x3 = x[p + 3]!;
    for (let j = 0, q = q0 + c; j < count; j++, q += d) {
      const e0 = x0 - cs[q]!, e1 = x1 - cs[q + 1]!, e2 = x2 - cs[q + 2]!, e3 = x3 - cs[q + 3]!;
      out[j]! += e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3);
    }
    c += 4;
  }
  const rest = d - c;
  if (rest === 3) {
    const x0 = x[base + c]!, x1 = x[base + c + 1]!, x2 = x[base + c + 2]!;
    for (let j = 0, q = q0 + c; j < count; j++, q += d) {
      const e0 = x0 - cs[q]!, e1 = x1 - cs[q + 1]!, e2 = x2 - cs[q + 2]!;
      out[j]! += e0 * e0 + e1 * e1 + e2 * e2;
    }
  } else if (rest === 2) {
    const x0 = x[base + c]!, x1 = x[base + c + 1]!;
    for (let j = 0, q = q0 + c; j < count; j++, q += d) {
      const e0 = x0 - cs[q]!, e1 = x1 - cs[q + 1]!;
      out[j]! += e0 * e0 + e1 * e1;
    }
  } else if (rest === 1) {
    const x0 = x[base + c]!;
    for (let j = 0, q = q0 + c; j < count; j++, q += d) {
      const e0 = x0 - cs[q]!;
      out[j]! += e0 * e0;
    }
  }
}

/** ‖x − c‖² for the centre at cs[q..q+d), summed in the same order as squaredDistances. */
function squaredDistance(x: Float64Array, base: number, d: number, cs: Float64Array, q: number): number {
  let total = 0;
  let c = 0;
  for (; c + 8 <= d; c += 8) {
    const p = base + c, r = q + c;
    const e0 = x[p]! - cs[r]!, e1 = x[p + 1]! - cs[r + 1]!, e2 = x[p + 2]! - cs[r + 2]!, e3 = x[p + 3]! - cs[r + 3]!;
    const e4 = x[p + 4]! - cs[r + 4]!, e5 = x[p + 5]! - cs[r + 5]!, e6 = x[p + 6]! - cs[r + 6]!, e7 = x[p + 7]! - cs[r + 7]!;
    total += (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
  }
  if (c + 4 <= d) {
    const p = base + c, r = q + c;
    const e0 = x[p]! - cs[r]!, e1 = x[p + 1]! - cs[r + 1]!, e2 = x[p + 2]! - cs[r + 2]!, e3 = x[p + 3]! - cs[r + 3]!;
    total += e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3);
    c += 4;
  }
  const rest = d - c;
  if (rest === 3) {
    const e0 = x[base + c]! - cs[q + c]!, e1 = x[base + c + 1]! - cs[q + c + 1]!, e2 = x[base + c + 2]! - cs[q + c + 2]!;
    total += e0 * e0 + e1 * e1 + e2 * e2;
  } else if (rest === 2) {
    const e0 = x[base + c]! - cs[q + c]!, e1 = x[base + c + 1]! - cs[q + c + 1]!;
    total += e0 * e0 + e1 * e1;
  } else if (rest === 1) {
    const e0 = x[base + c]! - cs[q + c]!;
    total += e0 * e0;
  }
  return total;
}

/**
 * Nearest centre for each point of the blocks (lowest index on a tie), and the distance to the
 * second nearest as the point's lower bound. With `bounds`, the point's own centroid is checked
 * first: when its distance is below the shifted lower bound or half the gap from its centroid to
 * the nearest other one, no other centroid can be as near and the rest are skipped (Hamerly 2010).
 */
function assignBlocks(workspace: KmeansWorkspace, k: number, bounds: BoundsUpdate | undefined, firstBlock: number, endBlock: number): void {
  const { n, d, data: x, centers: cs, halfGaps, labels, closest, lowerBounds, blockSums, blockCounts, blockScalars, blockChanges, maxCenters } = workspace;
  if (d === 8) return assignBlocks8(workspace, k, bounds, firstBlock, endBlock);
  const distances = scratchFor(k);
  const bounded = bounds !== undefined;
  const maxShift = bounds ? bounds.maxShift : 0;
  const secondMaxShift = bounds ? bounds.secondMaxShift : 0;
  const maxShiftCenter = bounds ? bounds.maxShiftCenter : -1;
  for (let b = firstBlock; b < endBlock; b++) {
    const sumBase = b * maxCenters * d;
    const countBase = b * maxCenters;
    blockSums.fill(0, sumBase, sumBase + k * d);
    blockCounts.fill(0, countBase, countBase + k);
    let inertia = 0;
    let changes = 0;
    const stop = Math.min(n, (b + 1) * BLOCK_ROWS);
    for (let i = b * BLOCK_ROWS; i < stop; i++) {
      const base = i * d;
      let label = -1;
      let distance = 0;
      if (bounded) {
        const own = labels[i]!;
        distance = squaredDistance(x, base, d, cs, own * d);
        const lower = lowerBounds[i]! * (1 - BOUND_MARGIN) - (own === maxShiftCenter ? secondMaxShift : maxShift);
        const gap = halfGaps[own]!;
        if (Math.sqrt(distance) * (1 + BOUND_MARGIN) < (lower > gap ? lower : gap)) {
          label = own;
          lowerBounds[i] = lower;
        }
      }
      if (label < 0) {
        squaredDistances(x, base, d, cs, 0, k, distances);
        distance = distances[0]!;
        label = 0;
        let second = Infinity;
        for (let j = 1; j < k; j++) {
          const s = distances[j]!;
          if (s < distance) {
            second = distance;
            distance = s;
            label = j;
          } else if (s < second) second = s;
        }
        lowerBounds[i] = Math.sqrt(second);
      }
      const sumAt = sumBase + label * d;
      let f = 0;
      for (; f + 4 <= d; f += 4) {
        blockSums[sumAt + f]! += x[base + f]!;
        blockSums[sumAt + f + 1]! += x[base + f + 1]!;
        blockSums[sumAt + f + 2]! += x[base + f + 2]!;
        blockSums[sumAt + f + 3]! += x[base + f + 3]!;
      }
      for (; f < d; f++) blockSums[sumAt + f]! += x[base + f]!;
      blockCounts[countBase + label]!++;
      if (labels[i] !== label) {
        labels[i] = label;
        changes++;
      }
      closest[i] = distance;
      inertia += distance;
    }
    blockScalars[countBase] = inertia;
    blockChanges[b] = changes;
  }
}

/**
 * assignBlocks for d = 8, the common width, with each point's features in locals: no scratch row, no
 * per-feature loops, and the same sums in the same order as squaredDistance(s), so the labels,
 * bounds and partial sums are bit-identical to the general path.
 */
function assignBlocks8(workspace: KmeansWorkspace, k: number, bounds: BoundsUpdate | undefined, firstBlock: number, endBlock: number): void {
  const { n, data: x, centers: cs, halfGaps, labels, closest, lowerBounds, blockSums, blockCounts, blockScalars, blockChanges, maxCenters } = workspace;
  const bounded = bounds !== undefined;
  const maxShift = bounds ? bounds.maxShift : 0;
  const secondMaxShift = bounds ? bounds.secondMaxShift : 0;
  const maxShiftCenter = bounds ? bounds.maxShiftCenter : -1;
  for (let b = firstBlock; b < endBlock; b++) {
    const sumBase = b * maxCenters * 8;
    const countBase = b * maxCenters;
    blockSums.fill(0, sumBase, sumBase + k * 8);
    blockCounts.fill(0, countBase, countBase + k);
    let inertia = 0;
    let changes = 0;
    const stop = Math.min(n, (b + 1) * BLOCK_ROWS);
    for (let i = b * BLOCK_ROWS, p = i * 8; i < stop; i++, p += 8) {
      const x0 = x[p]!, x1 = x[p + 1]!, x2 = x[p + 2]!, x3 = x[p + 3]!, x4 = x[p + 4]!, x5 = x[p + 5]!, x6 = x[p + 6]!, x7 = x[p + 7]!;
      const previous = labels[i]!;
      let label = -1;
      let distance = 0;
      if (bounded) {
        const q = previous * 8;
        const e0 = x0 - cs[q]!, e1 = x1 - cs[q + 1]!, e2 = x2 - cs[q + 2]!, e3 = x3 - cs[q + 3]!;
        const e4 = x4 - cs[q + 4]!, e5 = x5 - cs[q + 5]!, e6 = x6 - cs[q + 6]!, e7 = x7 - cs[q + 7]!;
        distance = (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
        const lower = lowerBounds[i]! * (1 - BOUND_MARGIN) - (previous === maxShiftCenter ? secondMaxShift : maxShift);
        const gap = halfGaps[previous]!;
        if (Math.sqrt(distance) * (1 + BOUND_MARGIN) < (lower > gap ? lower : gap)) {
          label = previous;
          lowerBounds[i] = lower;
        }
      }
      if (label < 0) {
        distance = Infinity;
        label = 0;
        let second = Infinity;
        for (let j = 0, q = 0; j < k; j++, q += 8) {
          const e0 = x0 - cs[q]!, e1 = x1 - cs[q + 1]!, e2 = x2 - cs[q + 2]!, e3 = x3 - cs[q + 3]!;
          const e4 = x4 - cs[q + 4]!, e5 = x5 - cs[q + 5]!, e6 = x6 - cs[q + 6]!, e7 = x7 - cs[q + 7]!;
          const s = (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
          if (s < distance) {
            second = distance;
            distance = s;
            label = j;
          } else if (s < second) second = s;
        }
        lowerBounds[i] = Math.sqrt(second);
      }
      const at = sumBase + label * 8;
      blockSums[at]! += x0;
      blockSums[at + 1]! += x1;
      blockSums[at + 2]! += x2;
      blockSums[at + 3]! += x3;
      blockSums[at + 4]! += x4;
      blockSums[at + 5]! += x5;
      blockSums[at + 6]! += x6;
      blockSums[at + 7]! += x7;
      blockCounts[countBase + label]!++;
      if (previous !== label) {
        labels[i] = label;
        changes++;
      }
      closest[i] = distance;
      inertia += distance;
    }
    blockScalars[countBase] = inertia;
    blockChanges[b] = changes;
  }
}

// Per-thread scratch for the squared distances of one block's points to one centre.
const blockDistances = new Float64Array(BLOCK_ROWS);

/**
 * out[i − start] = ‖x_i − c‖² for the rows of one block and the centre at cs[q..q+d). Centre-major,
 * with up to 8 centre coordinates held in locals per chunk of features (about twice as fast as a
 * plain loop over d, like squaredDistances).
 */
function distancesToCenter(x: Float64Array, start: number, stop: number, d: number, cs: Float64Array, q: number, out: Float64Array): void {
  out.fill(0, 0, stop - start);
  let c = 0;
  while (c < d) {
    const width = Math.min(8, d - c);
    const at = q + c;
    const c0 = cs[at]!, c1 = width > 1 ? cs[at + 1]! : 0, c2 = width > 2 ? cs[at + 2]! : 0, c3 = width > 3 ? cs[at + 3]! : 0;
    if (width === 8) {
      const c4 = cs[at + 4]!, c5 = cs[at + 5]!, c6 = cs[at + 6]!, c7 = cs[at + 7]!;
      for (let i = start, p = start * d + c; i < stop; i++, p += d) {
        const e0 = x[p]! - c0, e1 = x[p + 1]! - c1, e2 = x[p + 2]! - c2, e3 = x[p + 3]! - c3;
        const e4 = x[p + 4]! - c4, e5 = x[p + 5]! - c5, e6 = x[p + 6]! - c6, e7 = x[p + 7]! - c7;
        out[i - start]! += (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
      }
    } else if (width >= 4) {
      // 4 to 7 features: 4 in locals here, the rest in the next round.
      for (let i = start, p = start * d + c; i < stop; i++, p += d) {
        const e0 = x[p]! - c0, e1 = x[p + 1]! - c1, e2 = x[p + 2]! - c2, e3 = x[p + 3]! - c3;
        out[i - start]! += e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3);
      }
      c += 4;
      continue;
    } else if (width === 3) {
      for (let i = start, p = start * d + c; i < stop; i++, p += d) {
        const e0 = x[p]! - c0, e1 = x[p + 1]! - c1, e2 = x[p + 2]! - c2;
        out[i - start]! += e0 * e0 + e1 * e1 + e2 * e2;
      }
    } else if (width === 2) {
      for (let i = start, p = start * d + c; i < stop; i++, p += d) {
        const e0 = x[p]! - c0, e1 = x[p + 1]! - c1;
        out[i - start]! += e0 * e0 + e1 * e1;
      }
    } else {
      for (let i = start, p = start * d + c; i < stop; i++, p += d) {
        const e0 = x[p]! - c0;
        out[i - start]! += e0 * e0;
      }
    }
    c += width;
  }
}

function seedDistanceBlocks(workspace: KmeansWorkspace, slot: number, firstBlock: number, endBlock: number): void {
  const { n, d, data: x, centers: cs, seedDistanceSlots, blockScalars, maxCenters } = workspace;
  const distances = blockDistances;
  const at = slot * n;
  for (let b = firstBlock; b < endBlock; b++) {
    const start = b * BLOCK_ROWS;
    const stop = Math.min(n, start + BLOCK_ROWS);
    distancesToCenter(x, start, stop, d, cs, 0, distances);
    let potential = 0;
    for (let i = start; i < stop; i++) {
      const distance = distances[i - start]!;
      seedDistanceSlots[at + i] = distance;
      potential += distance;
    }
    blockScalars[b * maxCenters] = potential;
  }
}

/**
 * The d = 8 case of one candidate over one block in a single loop: distance (summed as
 * distancesToCenter does), min with slot `from`, store into slot `to`, and the block's potential.
 */
function candidatePotential8(x: Float64Array, start: number, stop: number, cs: Float64Array, q: number, slots: Float64Array, from: number, to: number): number {
  const c0 = cs[q]!, c1 = cs[q + 1]!, c2 = cs[q + 2]!, c3 = cs[q + 3]!, c4 = cs[q + 4]!, c5 = cs[q + 5]!, c6 = cs[q + 6]!, c7 = cs[q + 7]!;
  let potential = 0;
  for (let i = start, p = start * 8; i < stop; i++, p += 8) {
    const e0 = x[p]! - c0, e1 = x[p + 1]! - c1, e2 = x[p + 2]! - c2, e3 = x[p + 3]! - c3;
    const e4 = x[p + 4]! - c4, e5 = x[p + 5]! - c5, e6 = x[p + 6]! - c6, e7 = x[p + 7]! - c7;
    const distance = (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
    const current = slots[from + i]!;
    const nearest = distance < current ? distance : current;
    slots[to + i] = nearest;
    potential += nearest;
  }
  return potential;
}

/**
 * candidatePotential8 for three candidates at once (2 + ⌊ln k⌋ = 3 for k = 3..7): each point's
 * features are loaded once for all three, and the three potentials are summed in the same order as
 * three separate passes, so the results are identical.
 */
function candidatePotentials8x3(x: Float64Array, start: number, stop: number, cs: Float64Array, slots: Float64Array, from: number, to0: number, to1: number, to2: number, scalars: Float64Array, at: number): void {
  let potential0 = 0, potential1 = 0, potential2 = 0;
  for (let i = start, p = start * 8; i < stop; i++, p += 8) {
    const x0 = x[p]!, x1 = x[p + 1]!, x2 = x[p + 2]!, x3 = x[p + 3]!, x4 = x[p + 4]!, x5 = x[p + 5]!, x6 = x[p + 6]!, x7 = x[p + 7]!;
    const current = slots[from + i]!;
    let e0 = x0 - cs[0]!, e1 = x1 - cs[1]!, e2 = x2 - cs[2]!, e3 = x3 - cs[3]!, e4 = x4 - cs[4]!, e5 = x5 - cs[5]!, e6 = x6 - cs[6]!, e7 = x7 - cs[7]!;
    let distance = (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
    let nearest = distance < current ? distance : current;
    slots[to0 + i] = nearest;
    potential0 += nearest;
    e0 = x0 - cs[8]!; e1 = x1 - cs[9]!; e2 = x2 - cs[10]!; e3 = x3 - cs[11]!; e4 = x4 - cs[12]!; e5 = x5 - cs[13]!; e6 = x6 - cs[14]!; e7 = x7 - cs[15]!;
    distance = (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
    nearest = distance < current ? distance : current;
    slots[to1 + i] = nearest;
    potential1 += nearest;
    e0 = x0 - cs[16]!; e1 = x1 - cs[17]!; e2 = x2 - cs[18]!; e3 = x3 - cs[19]!; e4 = x4 - cs[20]!; e5 = x5 - cs[21]!; e6 = x6 - cs[22]!; e7 = x7 - cs[23]!;
    distance = (e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3)) + (e4 * e4 + e5 * e5 + (e6 * e6 + e7 * e7));
    nearest = distance < current ? distance : current;
    slots[to2 + i] = nearest;
    potential2 += nearest;
  }
  scalars[at] = potential0;
  scalars[at + 1] = potential1;
  scalars[at + 2] = potential2;
}

function candidatePotentialBlocks(workspace: KmeansWorkspace, candidates: number, fromSlot: number, firstBlock: number, endBlock: number): void {
  const { n, d, data: x, centers: cs, seedDistanceSlots, blockScalars, maxCenters } = workspace;
  const distances = blockDistances;
  const from = fromSlot * n;
  for (let b = firstBlock; b < endBlock; b++) {
    const start = b * BLOCK_ROWS;
    const stop = Math.min(n, start + BLOCK_ROWS);
    // A block (≤ 4096 rows) stays in cache from one candidate to the next.
    if (d === 8 && candidates === 3) {
      candidatePotentials8x3(x, start, stop, cs, seedDistanceSlots, from, candidateSlot(fromSlot, 0) * n, candidateSlot(fromSlot, 1) * n, candidateSlot(fromSlot, 2) * n, blockScalars, b * maxCenters);
      continue;
    }
    for (let t = 0; t < candidates; t++) {
      if (d === 8) {
        blockScalars[b * maxCenters + t] = candidatePotential8(x, start, stop, cs, t * 8, seedDistanceSlots, from, candidateSlot(fromSlot, t) * n);
        continue;
      }
      distancesToCenter(x, start, stop, d, cs, t * d, distances);
      const to = candidateSlot(fromSlot, t) * n;
      let potential = 0;
      for (let i = start; i < stop; i++) {
        const distance = distances[i - start]!;
        const current = seedDistanceSlots[from + i]!;
        const nearest = distance < current ? distance : current;
        seedDistanceSlots[to + i] = nearest;
        potential += nearest;
      }
      blockScalars[b * maxCenters + t] = potential;
    }
  }
}

// Per-thread scratch for one block's column sums and squares.
let columnScratch = new Float64Array(16);

/**
 * Shifting by the first row keeps the variance accurate for columns far from 0. No finiteness test
 * per value: a NaN or ±Infinity makes the block's sums non-finite, and meanColumnVariance looks closer.
 */
function columnStatsBlocks(workspace: KmeansWorkspace, firstBlock: number, endBlock: number): void {
  const { n, d, data: x, blockColumnStats } = workspace;
  if (columnScratch.length < 2 * d) columnScratch = new Float64Array(2 * d);
  const stats = columnScratch;
  for (let b = firstBlock; b < endBlock; b++) {
    const start = b * BLOCK_ROWS;
    const stop = Math.min(n, start + BLOCK_ROWS);
    const at = b * 2 * d;
    if (d === 8) {
      const h0 = x[0]!, h1 = x[1]!, h2 = x[2]!, h3 = x[3]!, h4 = x[4]!, h5 = x[5]!, h6 = x[6]!, h7 = x[7]!;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      let q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0, q7 = 0;
      for (let p = start * 8, end = stop * 8; p < end; p += 8) {
        const e0 = x[p]! - h0, e1 = x[p + 1]! - h1, e2 = x[p + 2]! - h2, e3 = x[p + 3]! - h3;
        const e4 = x[p + 4]! - h4, e5 = x[p + 5]! - h5, e6 = x[p + 6]! - h6, e7 = x[p + 7]! - h7;
        s0 += e0; s1 += e1; s2 += e2; s3 += e3; s4 += e4; s5 += e5; s6 += e6; s7 += e7;
        q0 += e0 * e0; q1 += e1 * e1; q2 += e2 * e2; q3 += e3 * e3; q4 += e4 * e4; q5 += e5 * e5; q6 += e6 * e6; q7 += e7 * e7;
      }
      blockColumnStats[at] = s0; blockColumnStats[at + 1] = s1; blockColumnStats[at + 2] = s2; blockColumnStats[at + 3] = s3;
      blockColumnStats[at + 4] = s4; blockColumnStats[at + 5] = s5; blockColumnStats[at + 6] = s6; blockColumnStats[at + 7] = s7;
      blockColumnStats[at + 8] = q0; blockColumnStats[at + 9] = q1; blockColumnStats[at + 10] = q2; blockColumnStats[at + 11] = q3;
      blockColumnStats[at + 12] = q4; blockColumnStats[at + 13] = q5; blockColumnStats[at + 14] = q6; blockColumnStats[at + 15] = q7;
      continue;
    }
    for (let c = 0; c < 2 * d; c++) stats[c] = 0;
    for (let i = start; i < stop; i++) {
      for (let c = 0; c < d; c++) {
        const e = x[i * d + c]! - x[c]!;
        stats[c]! += e;
        stats[d + c]! += e * e;
      }
    }
    for (let c = 0; c < 2 * d; c++) blockColumnStats[at + c] = stats[c]!;
  }
}

export function runBlockOperation(workspace: KmeansWorkspace, operation: BlockOperation, firstBlock: number, endBlock: number): void {
  switch (operation.kind) {
    case 'assign':
      return assignBlocks(workspace, operation.centers, operation.bounds, firstBlock, endBlock);
    case 'seedDistances':
      return seedDistanceBlocks(workspace, operation.slot, firstBlock, endBlock);
    case 'candidatePotentials':
      return candidatePotentialBlocks(workspace, operation.candidates, operation.fromSlot, firstBlock, endBlock);
    case 'columnStats':
      return columnStatsBlocks(workspace, firstBlock, endBlock);
  }
}
