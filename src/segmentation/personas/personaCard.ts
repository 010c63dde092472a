/** A short, plain-language card per segment: who they are, what they are worth, what changed, what to do. */

export interface FeatureProfile {
  feature: string;
  segmentMean: number | null;
  populationMean: number | null;
  /** Standardised difference from the population; null when the feature does not vary. */
  z: number | null;
}

export interface PersonaInput {
  label: string;
  customers: number;
  customerShare: number;
  /** null when the scheme's total value is zero. */
  valueShare: number | null;
  profile: readonly FeatureProfile[];
  /** Size of the same segment id in the previous run; null when it did not exist; undefined without a previous run. */
  previousCustomers: number | null | undefined;
  previousRunId: string | undefined;
  action: string;
}

export interface PersonaCard {
  summary: string;
  customers: number;
  customerShare: number;
  valueShare: number | null;
  distinguishing: Array<{ feature: string; z: number; segmentMean: number; populationMean: number }>;
  trend: { previousRunId: string; previousCustomers: number | null; change: number | null; changeShare: number | null } | null;
  action: string;
}

const TOP_FEATURES = 3;
/** Differences smaller than this many standard deviations do not distinguish a segment. */
const MIN_ABS_Z = 0.2;

const WORDS: Readonly<Record<string, [string, string]>> = {
  recency_days: ['bought more recently', 'last bought longer ago'],
  frequency: ['buy less often', 'buy more often'],
  monetary: ['spend less in total', 'spend more in total'],
  aov: ['smaller orders', 'larger orders'],
  tenure_days: ['newer customers', 'customers for longer'],
  inter_purchase_days: ['shorter gaps between orders', 'longer gaps between orders'],
  orders_90d: ['fewer orders in the last 90 days', 'more orders in the last 90 days'],
  revenue_365d: ['less revenue in the last year', 'more revenue in the last year'],
  product_breadth: ['fewer distinct products', 'more distinct products'],
  return_rate: ['return less', 'return more'],
  p_alive: ['less likely still active', 'more likely still active'],
  clv_predicted_365d: ['lower predicted 12-month value', 'higher predicted 12-month value'],
};

const round = (x: number, digits: number) => Number(x.toFixed(digits));
const percent = (share: number) => `${round(100 * share, 1)}%`;
const customersText = (count: number) => `${count} customer${Math.abs(count) === 1 ? '' : 's'}`;

export function personaCard(input: PersonaInput): PersonaCard {
  const distinguishing = input.profile
    .filter((p): p is FeatureProfile & { z: number; segmentMean: number; populationMean: number } =>
      p.z !== null && p.segmentMean !== null && p.populationMean !== null && Math.abs(p.z) >= MIN_ABS_Z)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.feature.localeCompare(b.feature))
    .slice(0, TOP_FEATURES)
    .map((p) => ({ feature: p.feature, z: round(p.z, 2), segmentMean: round(p.segmentMean, 2), populationMean: round(p.populationMean, 2) }));
  const trend =
    input.previousRunId === undefined || input.previousCustomers === undefined
      ? null
      : {
          previousRunId: input.previousRunId,
          previousCustomers: input.previousCustomers,
          change: input.previousCustomers === null ? null : input.customers - input.previousCustomers,
          changeShare:
            input.previousCustomers === null || input.previousCustomers === 0
              ? null
              : round((input.customers - input.previousCustomers) / input.previousCustomers, 4),
        };
  const traits = distinguishing.map((p) => `${WORDS[p.feature]?.[p.z > 0 ? 1 : 0] ?? p.feature} (${p.z > 0 ? '+' : ''}${p.z} sd)`);
  const trendText =
    trend === null
      ? 'no previous run to compare with'
      : trend.change === null
        ? 'new since the previous run'
        : trend.change === 0
          ? 'same size as in the previous run'
          : `${trend.change > 0 ? '+' : ''}${customersText(trend.change)} since the previous run` +
            (trend.changeShare === null ? '' : ` (${trend.changeShare > 0 ? '+' : ''}${percent(trend.changeShare)})`);
  const summary =
    `${input.label}: ${customersText(input.customers)} (${percent(input.customerShare)}), ` +
    `${input.valueShare === null ? 'no value share (total value is zero)' : `${percent(input.valueShare)} of value`}. ` +
    `${input.customers === 0 ? 'No customer falls in this segment in this run.' : traits.length > 0 ? `Compared with everyone: ${traits.join(', ')}.` : 'Close to the average customer on every feature.'} ` +
    `${trendText[0]!.toUpperCase()}${trendText.slice(1)}. Suggested action: ${input.action}.`;
  return {
    summary,
    customers: input.customers,
    customerShare: input.customerShare,
    valueShare: input.valueShare,
    distinguishing,
    trend,
    action: input.action,
  };
}
