/** What to do with a segment, in one line: by name for RFM, by centroid profile for k-means. */

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
