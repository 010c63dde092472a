/** Which of the five scores each RFM dimension actually used, and a note when ties collapsed some. */

export interface ScoreGroup {
  dimension: 'R' | 'F' | 'M';
  score: number;
  customers: number;
  minValue: number | null;
  maxValue: number | null;
}

export interface DimensionUsage {
  scoresUsed: number[];
  customersPerScore: Record<string, number>;
  /** Why scores are missing, in plain words; null when all five are used. */
  note: string | null;
}

const FEATURE: Readonly<Record<ScoreGroup['dimension'], string>> = { R: 'recency_days', F: 'frequency', M: 'monetary' };

function range(group: ScoreGroup): string {
  if (group.minValue === null || group.maxValue === null) return 'no value';
  return group.minValue === group.maxValue ? `all at ${group.minValue}` : `${group.minValue} to ${group.maxValue}`;
}

/**
 * Per dimension: the scores given, customers per score, and for each unused score the neighbouring
 * score that absorbed its customers. Tie-aware quintiles give equal values one score, so a value
 * shared by more than a fifth of the customers spans more than one quintile and leaves a score unused.
 */
export function rfmScoreUsage(groups: readonly ScoreGroup[], totalCustomers: number): Record<ScoreGroup['dimension'], DimensionUsage> {
  const usage = {} as Record<ScoreGroup['dimension'], DimensionUsage>;
  for (const dimension of ['R', 'F', 'M'] as const) {
    const own = groups.filter((g) => g.dimension === dimension).sort((a, b) => a.score - b.score);
    const scoresUsed = own.map((g) => g.score);
    const missing = [1, 2, 3, 4, 5].filter((s) => !scoresUsed.includes(s));
    let note: string | null = null;
    if (missing.length > 0 && own.length > 0) {
      // Ties push customers up to the next used score (for R, reversed, that is the more recent side).
      const absorberOf = (score: number) => own.find((g) => g.score > score) ?? own[own.length - 1]!;
      const explained = [...new Set(missing.map(absorberOf))].map((absorber) => {
        const absorbed = missing.filter((score) => absorberOf(score) === absorber);
        const share = totalCustomers > 0 ? ((100 * absorber.customers) / totalCustomers).toFixed(1) : '0.0';
        return `${absorbed.join(' or ')} (score ${absorber.score} holds ${share}% of customers, ${FEATURE[dimension]} ${range(absorber)})`;
      });
      note =
        `${dimension} uses scores ${scoresUsed.join(', ')} only; never ${explained.join('; never ')}. ` +
        'Equal values share a score, so a value held by more than 20% of customers leaves a score unused; ' +
        'the 125-cell map still applies to the scores given.';
    }
    usage[dimension] = {
      scoresUsed,
      customersPerScore: Object.fromEntries(own.map((g) => [String(g.score), g.customers])),
      note,
    };
  }
  return usage;
}
