export interface OriginalUnitCentroid {
  monetary: number;
  frequency: number;
  /** null when no customer of the cluster has a purchase. */
  recency_days: number | null;
}

/** Means of the original (unlogged) RFM values per cluster, built one customer at a time: a centroid people can read. */
export class ClusterOriginalMeans {
  private readonly sums: Array<{ monetary: number; frequency: number; recency: number; withRecency: number; size: number }>;

  constructor(k: number) {
    this.sums = Array.from({ length: k }, () => ({ monetary: 0, frequency: 0, recency: 0, withRecency: 0, size: 0 }));
  }

  /** recency is NaN for a customer without a purchase. */
  add(cluster: number, monetary: number, frequency: number, recency: number): void {
    const sum = this.sums[cluster]!;
    sum.size += 1;
    sum.monetary += monetary;
    sum.frequency += frequency;
    if (!Number.isNaN(recency)) {
      sum.recency += recency;
      sum.withRecency += 1;
    }
  }

  /** Rows of `original` (monetary, frequency, recency per customer) under their labels. */
  addAll(original: Float64Array<ArrayBufferLike>, labels: Int32Array): void {
    labels.forEach((label, i) => this.add(label, original[3 * i]!, original[3 * i + 1]!, original[3 * i + 2]!));
  }

  means(): OriginalUnitCentroid[] {
    const round = (x: number, digits: number) => Number(x.toFixed(digits));
    return this.sums.map((s) => ({
      monetary: round(s.monetary / Math.max(s.size, 1), 2),
      frequency: round(s.frequency / Math.max(s.size, 1), 2),
      recency_days: s.withRecency > 0 ? round(s.recency / s.withRecency, 1) : null,
    }));
  }
}
