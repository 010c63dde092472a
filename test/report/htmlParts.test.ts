import { describe, expect, it } from 'vitest';
import { comparisonTable } from '../../src/report/html/comparisonTable.js';
import { suggestionList } from '../../src/report/html/suggestionList.js';
import type { ComparisonRow } from '../../src/report/reportData.js';

const row = (overrides: Partial<ComparisonRow>): ComparisonRow => ({
  scheme: 'rfm',
  segmentId: 8,
  segmentLabel: 'At Risk',
  kpi: 'revenue',
  kpiLabel: 'Revenue',
  unit: 'currency',
  previousValue: 56857.64,
  currentValue: -820.73,
  change: -57678.37,
  pctChange: -1.014435,
  higherIsBetter: true,
  isKey: true,
  isUnderperforming: true,
  currentIsPartial: false,
  displayOrder: 5,
  previousNullReason: null,
  currentNullReason: null,
  ...overrides,
});

describe('report HTML parts', () => {
  it('highlights an underperforming row and writes before, after, change and impact', () => {
    const html = comparisonTable([row({})], { before: '2011-Q2', after: '2011-Q3' }, 'GBP');
    expect(html).toContain('<tr class="underperforming" data-kpi="revenue"><td>Revenue</td><td class="num">£56,858</td><td class="num">-£820.73</td>'
      + '<td class="num">-£57,678</td><td class="num">-101.4%</td><td class="impact-underperforming">Underperforming</td></tr>');
  });

  it('shows a null KPI as n/a with the reason its snapshot gives', () => {
    const html = comparisonTable([row({
      kpi: 'cac', kpiLabel: 'Customer acquisition cost', previousValue: null, currentValue: null, change: null, pctChange: null, isUnderperforming: false,
      previousNullReason: 'no marketing spend landed for the period', currentNullReason: 'no marketing spend landed for the period',
    })], { before: '2011-Q2', after: '2011-Q3' }, 'GBP');
    expect(html).toContain('<td>Customer acquisition cost<span class="reason">n/a: no marketing spend landed for the period</span></td><td class="num na">n/a</td>');
    expect(html).not.toMatch(/>£0/);
  });

  it('escapes labels and reasons that come from the database', () => {
    const html = suggestionList([{
      scheme: 'kmeans', segmentId: 3, segmentLabel: 'Cluster <3>', suggestion: 'merge', withSegmentId: 2, withSegmentLabel: 'Cluster 2',
      reason: 'means closer than 0.5 & share < 2%', measure: 0.31,
    }]);
    expect(html).toBe('<ul class="suggestions"><li data-suggestion="merge"><strong>Merge</strong> Cluster &lt;3&gt; into Cluster 2: means closer than 0.5 &amp; share &lt; 2%</li></ul>');
  });
});
