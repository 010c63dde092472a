import { describe, expect, it } from 'vitest';
import { personaCard } from '../../src/segmentation/personas/personaCard.js';
import { kmeansAction, rfmAction } from '../../src/segmentation/personas/suggestedAction.js';

const profile = [
  { feature: 'frequency', segmentMean: 12, populationMean: 4, z: 1.8 },
  { feature: 'recency_days', segmentMean: 10, populationMean: 90, z: -0.9 },
  { feature: 'monetary', segmentMean: 5000, populationMean: 1500, z: 1.2 },
  { feature: 'return_rate', segmentMean: 0.02, populationMean: 0.03, z: -0.05 },
  { feature: 'aov', segmentMean: null, populationMean: null, z: null },
];

describe('personaCard', () => {
  it('sums up size, value, the three most distinguishing features, the trend and the action', () => {
    const card = personaCard({
      label: 'Champions', customers: 412, customerShare: 0.096, valueShare: 0.38, profile,
      previousRunId: 'p', previousCustomers: 400, action: rfmAction('Champions'),
    });
    expect(card.distinguishing.map((d) => d.feature)).toEqual(['frequency', 'monetary', 'recency_days']);
    expect(card.trend).toEqual({ previousRunId: 'p', previousCustomers: 400, change: 12, changeShare: 0.03 });
    expect(card.summary).toBe(
      'Champions: 412 customers (9.6%), 38% of value. Compared with everyone: buy more often (+1.8 sd), spend more in total (+1.2 sd), ' +
        'bought more recently (-0.9 sd). +12 customers since the previous run (+3%). ' +
        'Suggested action: reward them: loyalty perks, early access, and ask for referrals and reviews.',
    );
  });

  it('says when a segment is new, empty, or there is no previous run', () => {
    const base = { label: 'At Risk', customerShare: 0, valueShare: null, profile: [], action: rfmAction('At Risk') };
    expect(personaCard({ ...base, customers: 0, previousRunId: undefined, previousCustomers: undefined }).summary).toBe(
      'At Risk: 0 customers (0%), no value share (total value is zero). No customer falls in this segment in this run. ' +
        'No previous run to compare with. Suggested action: win-back: personalised emails, renewals and reminders of what they liked.',
    );
    expect(personaCard({ ...base, customers: 5, previousRunId: 'p', previousCustomers: null }).trend).toEqual({ previousRunId: 'p', previousCustomers: null, change: null, changeShare: null });
  });
});

describe('suggested actions for k-means clusters', () => {
  it('reads the centroid profile like the nearest RFM segment', () => {
    expect(kmeansAction([1.2, 1.1, -0.8])).toBe(rfmAction('Champions'));
    expect(kmeansAction([1.2, 0.9, 0.9])).toBe(rfmAction("Can't Lose Them"));
    expect(kmeansAction([-0.8, -0.7, 1.1])).toBe(rfmAction('Hibernating'));
    expect(kmeansAction([-0.2, -0.9, -0.9])).toBe(rfmAction('New'));
  });
});
