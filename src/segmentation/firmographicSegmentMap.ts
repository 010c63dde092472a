/**
 * Firmographic segments of B2B customers: size tier × value band, nine fixed ids. Industry is not an
 * axis (a dozen industries × nine cells would give dozens of tiny segments); it is shown per segment.
 */

export const FIRMOGRAPHIC_TIERS = [
  { tier: 'enterprise', name: 'Enterprise', rule: '1000+ employees, or annual revenue of at least 100 million USD' },
  { tier: 'mid-market', name: 'Mid-market', rule: '100–999 employees' },
  { tier: 'smb', name: 'SMB', rule: 'under 100 employees' },
] as const;

/** Tie-aware terciles of net revenue (monetary) among the run's B2B customers: band 3 = top third. */
export const VALUE_BANDS = [
  { band: 3, name: 'high', rule: 'net revenue in the top third of B2B customers' },
  { band: 2, name: 'mid', rule: 'net revenue in the middle third of B2B customers' },
  { band: 1, name: 'low', rule: 'net revenue in the bottom third of B2B customers' },
] as const;

export interface FirmographicSegment {
  id: number;
  tier: (typeof FIRMOGRAPHIC_TIERS)[number]['tier'];
  band: (typeof VALUE_BANDS)[number]['band'];
  valueName: (typeof VALUE_BANDS)[number]['name'];
  label: string;
  rule: string;
}

/** Enterprise · high value = 1 … SMB · low value = 9. */
export const FIRMOGRAPHIC_SEGMENTS: readonly FirmographicSegment[] = FIRMOGRAPHIC_TIERS.flatMap((tier, t) =>
  VALUE_BANDS.map((value, v) => ({
    id: 3 * t + v + 1,
    tier: tier.tier,
    band: value.band,
    valueName: value.name,
    label: `${tier.name} · ${value.name} value`,
    rule: `${tier.rule}; ${value.rule}`,
  })),
);
