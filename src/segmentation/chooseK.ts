/** Choosing k among fitted candidates: guards first, then silhouette, with the inertia elbow breaking near-ties. */

export interface KCandidate {
  k: number;
  inertia: number;
  /** Mean silhouette on the seeded sample. */
  silhouette: number;
  /** Customers in the smallest segment / all customers. */
  smallestShare: number;
  iterations: number;
  converged: boolean;
  /** True when the previous run's centroids, as a warm start, beat every seeded restart. */
  warmStartWon: boolean;
  /** Why the guards ruled this k out; null when it was eligible. */
  rejectedBecause: string | null;
}

export interface KGuards {
  /** Business minimum, already capped at the number of distinct points. */
  minK: number;
  minSegmentShare: number;
}

/** Silhouettes closer than this to the best count as a tie, which the inertia elbow decides. */
export const SILHOUETTE_TIE = 0.01;

export function rejectionOf(k: number, smallestShare: number, guards: KGuards): string | null {
  if (k < guards.minK) return `k=${k} is below the minimum of ${guards.minK} segments`;
  if (smallestShare < guards.minSegmentShare) {
    return `smallest segment holds ${percent(smallestShare)} of customers, below the minimum ${percent(guards.minSegmentShare)}`;
  }
  return null;
}

/**
 * The k where the inertia curve bends most (Kneedle: largest drop below the straight line from the
 * first to the last candidate, both axes scaled to [0, 1]). Undefined with fewer than 3 candidates.
 */
export function inertiaElbow(candidates: readonly KCandidate[]): number | undefined {
  if (candidates.length < 3) return undefined;
  const first = candidates[0]!;
  const last = candidates[candidates.length - 1]!;
  const kSpan = last.k - first.k;
  const inertiaSpan = first.inertia - last.inertia;
  if (!(kSpan > 0) || !(inertiaSpan > 0)) return undefined;
  let best: { k: number; gap: number } | undefined;
  for (const c of candidates) {
    const x = (c.k - first.k) / kSpan;
    const y = (first.inertia - c.inertia) / inertiaSpan;
    const gap = y - x;
    if (!best || gap > best.gap) best = { k: c.k, gap };
  }
  return best!.gap > 0 ? best!.k : undefined;
}

function percent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

export interface KChoice {
  k: number;
  elbow: number | undefined;
  reason: string;
}

/**
 * Among the candidates the guards allow, the highest silhouette wins; candidates within
 * SILHOUETTE_TIE of it are decided by closeness to the inertia elbow, then by the smaller k.
 * When no candidate passes, the documented fallback is the candidate (at or above the minimum k
 * when there is one) whose smallest segment is largest: never an empty or missing segment.
 */
export function chooseK(candidates: readonly KCandidate[], guards: KGuards, sampleSize: number): KChoice {
  const elbow = inertiaElbow(candidates);
  const range = `k=${candidates[0]!.k}..${candidates[candidates.length - 1]!.k}`;
  const elbowText = elbow === undefined ? 'no inertia elbow' : `inertia elbow at k=${elbow}`;
  const rejected = candidates.filter((c) => c.rejectedBecause !== null).map((c) => `k=${c.k} (${c.rejectedBecause})`);
  const rejectedText = rejected.length > 0 ? `; rejected: ${rejected.join(', ')}` : '';
  const eligible = candidates.filter((c) => c.rejectedBecause === null);
  if (eligible.length === 0) {
    const pool = candidates.some((c) => c.k >= guards.minK) ? candidates.filter((c) => c.k >= guards.minK) : [...candidates];
    const fallback = [...pool].sort((a, b) => b.smallestShare - a.smallestShare || b.silhouette - a.silhouette || a.k - b.k)[0]!;
    return {
      k: fallback.k,
      elbow,
      reason:
        `no k over ${range} passed the guards, so the fallback took k=${fallback.k}, whose smallest segment is the largest ` +
        `(${percent(fallback.smallestShare)}; silhouette ${fallback.silhouette.toFixed(4)}); ${elbowText}${rejectedText}`,
    };
  }
  const bestSilhouette = Math.max(...eligible.map((c) => c.silhouette));
  const distanceToElbow = (k: number) => (elbow === undefined ? 0 : Math.abs(k - elbow));
  const contenders = eligible
    .filter((c) => c.silhouette >= bestSilhouette - SILHOUETTE_TIE)
    .sort((a, b) => distanceToElbow(a.k) - distanceToElbow(b.k) || b.silhouette - a.silhouette || a.k - b.k);
  const chosen = contenders[0]!;
  const runnerUp = eligible.filter((c) => c.k !== chosen.k).sort((a, b) => b.silhouette - a.silhouette)[0];
  const brokeTie = chosen.silhouette < bestSilhouette;
  const headline = brokeTie
    ? `mean silhouette ${chosen.silhouette.toFixed(4)}, within ${SILHOUETTE_TIE} of the highest mean silhouette ${bestSilhouette.toFixed(4)}, and nearest the ${elbowText}`
    : `highest mean silhouette ${chosen.silhouette.toFixed(4)}; ${elbowText}`;
  return {
    k: chosen.k,
    elbow,
    reason:
      `${headline}; over ${range} on ${sampleSize} sampled customers, among the k that pass the guards ` +
      `(at least ${guards.minK} segments, each at least ${percent(guards.minSegmentShare)} of customers)` +
      (runnerUp ? `; runner-up k=${runnerUp.k} at ${runnerUp.silhouette.toFixed(4)}` : '') +
      rejectedText,
  };
}
