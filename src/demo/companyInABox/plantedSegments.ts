/**
 * The six behavioural segments planted in the population. Each has its own recency, frequency,
 * monetary and engagement distributions, far enough apart that a segmentation run should find
 * them again; ground_truth/people.csv says which one every person was drawn from.
 */
export const SEGMENT_NAMES = ['champions', 'loyal', 'big_spenders', 'new', 'at_risk', 'hibernating'] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

export interface SegmentProfile {
  name: SegmentName;
  /** Share among B2C individuals and among B2B contacts. */
  shareB2c: number;
  shareB2b: number;
  /** Orders in the window: minOrders + Poisson(extraOrders). */
  minOrders: number;
  extraOrders: number;
  /** Days before the end of the window of the last order, drawn uniformly. */
  lastOrderDaysAgo: readonly [number, number];
  /** Days before the end of the window of the first order (clamped to the window). */
  firstOrderDaysAgo: readonly [number, number];
  /** Order value in USD: log-normal median and sigma. */
  orderMedianUsd: number;
  orderSigma: number;
  /** Browsing sessions (without an order) in the window, Poisson mean. */
  browseSessions: number;
  /** Days after the last order during which browsing still happens. */
  browseTailDays: number;
  /** Probability that a session is logged in (user_id set). */
  loginRate: number;
  /** Email: share of campaigns received, open and click rates while engaged. */
  emailReach: number;
  openRate: number;
  clickRate: number;
  unsubscribeRate: number;
  /** Support: responses per person (Poisson) and satisfaction (CSAT 1-5 mean). */
  supportResponses: number;
  csatMean: number;
  refundRate: number;
}

export const SEGMENTS: readonly SegmentProfile[] = [
  {
    name: 'champions', shareB2c: 0.1, shareB2b: 0.1, minOrders: 6, extraOrders: 10, lastOrderDaysAgo: [0, 25], firstOrderDaysAgo: [420, 720],
    orderMedianUsd: 190, orderSigma: 0.45, browseSessions: 9, browseTailDays: 25, loginRate: 0.85, emailReach: 0.5, openRate: 0.55, clickRate: 0.3,
    unsubscribeRate: 0.002, supportResponses: 1.2, csatMean: 4.6, refundRate: 0.02,
  },
  {
    name: 'loyal', shareB2c: 0.18, shareB2b: 0.2, minOrders: 3, extraOrders: 5, lastOrderDaysAgo: [5, 60], firstOrderDaysAgo: [300, 720],
    orderMedianUsd: 85, orderSigma: 0.4, browseSessions: 6, browseTailDays: 40, loginRate: 0.7, emailReach: 0.45, openRate: 0.4, clickRate: 0.18,
    unsubscribeRate: 0.004, supportResponses: 0.8, csatMean: 4.2, refundRate: 0.03,
  },
  {
    name: 'big_spenders', shareB2c: 0.05, shareB2b: 0.16, minOrders: 1, extraOrders: 2.5, lastOrderDaysAgo: [10, 120], firstOrderDaysAgo: [200, 700],
    orderMedianUsd: 1400, orderSigma: 0.35, browseSessions: 3, browseTailDays: 60, loginRate: 0.6, emailReach: 0.35, openRate: 0.3, clickRate: 0.12,
    unsubscribeRate: 0.004, supportResponses: 1, csatMean: 3.9, refundRate: 0.04,
  },
  {
    name: 'new', shareB2c: 0.2, shareB2b: 0.14, minOrders: 1, extraOrders: 0.5, lastOrderDaysAgo: [0, 45], firstOrderDaysAgo: [0, 60],
    orderMedianUsd: 70, orderSigma: 0.5, browseSessions: 3, browseTailDays: 45, loginRate: 0.45, emailReach: 0.35, openRate: 0.45, clickRate: 0.2,
    unsubscribeRate: 0.006, supportResponses: 0.4, csatMean: 4.0, refundRate: 0.05,
  },
  {
    name: 'at_risk', shareB2c: 0.22, shareB2b: 0.22, minOrders: 2, extraOrders: 4, lastOrderDaysAgo: [150, 300], firstOrderDaysAgo: [420, 720],
    orderMedianUsd: 110, orderSigma: 0.45, browseSessions: 3, browseTailDays: 30, loginRate: 0.5, emailReach: 0.4, openRate: 0.12, clickRate: 0.04,
    unsubscribeRate: 0.015, supportResponses: 0.9, csatMean: 2.8, refundRate: 0.08,
  },
  {
    name: 'hibernating', shareB2c: 0.25, shareB2b: 0.18, minOrders: 1, extraOrders: 0.7, lastOrderDaysAgo: [400, 700], firstOrderDaysAgo: [450, 730],
    orderMedianUsd: 45, orderSigma: 0.5, browseSessions: 1, browseTailDays: 20, loginRate: 0.3, emailReach: 0.3, openRate: 0.05, clickRate: 0.01,
    unsubscribeRate: 0.02, supportResponses: 0.2, csatMean: 3.2, refundRate: 0.06,
  },
];

export const B2C_SEGMENT_WEIGHTS = SEGMENTS.map((s) => s.shareB2c);
export const B2B_SEGMENT_WEIGHTS = SEGMENTS.map((s) => s.shareB2b);

export function segmentProfile(index: number): SegmentProfile {
  const profile = SEGMENTS[index];
  if (!profile) throw new Error(`no planted segment ${index}`);
  return profile;
}
