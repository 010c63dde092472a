import { describe, expect, it } from 'vitest';
import { rfmScoreUsage } from '../../src/segmentation/rfmScoreUsage.js';

describe('rfmScoreUsage', () => {
  it('notes that F never scores 1 when 35% of customers bought once (as on Online Retail)', () => {
    const usage = rfmScoreUsage(
      [
        { dimension: 'F', score: 2, customers: 350, minValue: 1, maxValue: 1 },
        { dimension: 'F', score: 3, customers: 250, minValue: 2, maxValue: 3 },
        { dimension: 'F', score: 4, customers: 200, minValue: 4, maxValue: 6 },
        { dimension: 'F', score: 5, customers: 200, minValue: 7, maxValue: 200 },
        ...[1, 2, 3, 4, 5].flatMap((score) => [
          { dimension: 'R' as const, score, customers: 200, minValue: score, maxValue: score },
          { dimension: 'M' as const, score, customers: 200, minValue: score, maxValue: score },
        ]),
      ],
      1000,
    );
    expect(usage.F.scoresUsed).toEqual([2, 3, 4, 5]);
    expect(usage.F.customersPerScore).toEqual({ 2: 350, 3: 250, 4: 200, 5: 200 });
    expect(usage.F.note).toMatch(/^F uses scores 2, 3, 4, 5 only; never 1 \(score 2 holds 35\.0% of customers, frequency all at 1\)\./);
    expect(usage.R.note).toBeNull();
    expect(usage.M.scoresUsed).toEqual([1, 2, 3, 4, 5]);
  });
});
