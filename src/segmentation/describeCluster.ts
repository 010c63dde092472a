/** Plain words for a k-means centroid given in z-scores of [monetary, frequency, recency]. */
function band(z: number, low: string, middle: string, high: string): string {
  if (z > 0.5) return high;
  if (z < -0.5) return low;
  return middle;
}

export function describeCluster(zCentroid: readonly number[]): string {
  const [monetary = 0, frequency = 0, recency = 0] = zCentroid;
  return [
    band(monetary, 'low value', 'mid value', 'high value'),
    band(frequency, 'rare buyers', 'occasional buyers', 'frequent buyers'),
    // Larger recency means longer ago.
    band(recency, 'bought recently', 'cooling off', 'lapsed'),
  ].join(', ');
}
