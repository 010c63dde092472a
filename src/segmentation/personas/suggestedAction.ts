/** What to do with a segment, in one line: by name for RFM, by centroid profile for k-means, by tier and value for firmographic. */

const RFM_ACTIONS: Readonly<Record<string, string>> = {
  Champions: 'reward them: loyalty perks, early access, and ask for referrals and reviews',
  Loyal: 'upsell higher-value products and keep them in the loyalty programme',
  'Potential Loyalists': 'offer membership or loyalty sign-up and recommend related products',
  New: 'onboard well: welcome series, help with first use, a nudge toward the second purchase',
  Promising: 'build the relationship: samples, trials and a reason to come back soon',
  'Need Attention': 'time-limited offers based on what they bought before, to reactivate them',
  'About to Sleep': 'reconnect before they lapse: popular products and a modest discount',
  'At Risk': 'win-back: personalised emails, renewals and reminders of what they liked',
  "Can't Lose Them": 'win them back personally (call or account manager); do not lose them to a competitor',
  Hibernating: 'low-cost reactivation with relevant products and a special offer',
  Lost: 'one low-cost reactivation attempt at most; otherwise stop spending on them',
};

export function rfmAction(label: string): string {
  return RFM_ACTIONS[label] ?? 'review this segment by hand';
}

/**
 * From a k-means centroid in z-scores of [monetary, frequency, recency] (recency: larger = longer ago),
 * the RFM segment it resembles most decides the action.
 */
export function kmeansAction(zCentroid: readonly number[]): string {
  const [monetary = 0, frequency = 0, recency = 0] = zCentroid;
  const valuable = monetary > 0.5 || frequency > 0.5;
  if (recency > 0.5) return valuable ? rfmAction("Can't Lose Them") : rfmAction('Hibernating');
  if (recency > 0) return valuable ? rfmAction('At Risk') : rfmAction('About to Sleep');
  if (monetary > 0.5 && frequency > 0.5) return rfmAction('Champions');
  if (valuable) return rfmAction('Loyal');
  if (frequency < -0.5) return rfmAction('New');
  return rfmAction('Potential Loyalists');
}

const FIRMOGRAPHIC_ACTIONS: Readonly<Record<string, string>> = {
  'enterprise/high': 'key-account management: executive sponsor, quarterly business reviews, expansion across divisions',
  'enterprise/mid': 'account-based marketing to grow share of wallet in other departments',
  'enterprise/low': 'find out why a large company buys little: land-and-expand offer, account executive outreach',
  'mid-market/high': 'protect and grow: dedicated account manager, renewal and upsell plans',
  'mid-market/mid': 'upsell bundles and volume pricing through inside sales',
  'mid-market/low': 'nurture with use cases from their industry and a trial of higher tiers',
  'smb/high': 'keep them happy at low cost: priority support, loyalty pricing, referral asks',
  'smb/mid': 'self-serve upsell: in-product prompts and email offers',
  'smb/low': 'automated, low-cost marketing only',
};

/** By size tier and value band (high / mid / low) of a firmographic segment. */
export function firmographicAction(tier: string, valueName: string): string {
  return FIRMOGRAPHIC_ACTIONS[`${tier}/${valueName}`] ?? 'review this segment by hand';
}
