import { describe, expect, it } from 'vitest';
import { formatCount, formatCurrency, formatDate, formatKpiChange, formatKpiValue, formatPercentChange, formatShare } from '../../src/report/formatNumbers.js';

describe('report numbers', () => {
  it('writes counts with thousands separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('drops the pence from amounts of a thousand or more', () => {
    expect(formatCurrency(2449517.71, 'GBP')).toBe('£2,449,518');
    expect(formatCurrency(506.96, 'GBP')).toBe('£506.96');
    expect(formatCurrency(-1068.59, 'EUR')).toBe('-€1,069');
  });

  it('writes ratios as percentages with one decimal', () => {
    expect(formatShare(0.279089)).toBe('27.9%');
  });

  it('never writes a value that rounds to zero as negative', () => {
    expect(formatShare(-0.00003)).toBe('0.0%');
    expect(formatCurrency(-0.001, 'GBP')).toBe('£0.00');
  });

  it('writes a missing KPI as n/a, never as 0', () => {
    expect(formatKpiValue(null, 'currency', 'GBP')).toBe('n/a');
    expect(formatKpiChange(null, 'ratio', 'GBP')).toBe('n/a');
    expect(formatPercentChange(null)).toBe('n/a');
  });

  it('signs changes, and gives the change of a rate in percentage points', () => {
    expect(formatKpiChange(399, 'count', 'GBP')).toBe('+399');
    expect(formatKpiChange(327470.86, 'currency', 'GBP')).toBe('+£327,471');
    expect(formatKpiChange(0.018788, 'ratio', 'GBP')).toBe('+1.9 pp');
    expect(formatKpiChange(0.0749, 'number', 'GBP')).toBe('+0.07');
    expect(formatKpiChange(0, 'count', 'GBP')).toBe('0');
    expect(formatPercentChange(0.154318)).toBe('+15.4%');
    expect(formatPercentChange(-0.047958)).toBe('-4.8%');
  });

  it('writes scores with one decimal and dates as day, month and year', () => {
    expect(formatKpiValue(4.25, 'score', 'GBP')).toBe('4.3');
    expect(formatDate('2011-12-09')).toBe('9 Dec 2011');
  });
});
