import { describe, expect, it } from 'vitest';
import { summariseCalibration } from '../../../src/features/clv/calibrationSummary.js';
import { dayNumber, readPurchaseFile } from '../../../src/features/clv/readPurchaseFile.js';
import { writeCdnowSampleCsv } from '../../support/cdnowSampleCsv.js';
import { readCdnowSummary } from './readCdnowSummary.js';

describe('calibration summary from raw transactions', () => {
  it('reproduces the published CDNOW summary (x, t_x, T, zbar) for all 2,357 customers', async () => {
    const file = await readPurchaseFile(writeCdnowSampleCsv(), { customer: 'customer', date: 'date', amount: 'amount' }, ',');
    expect(file.rowsRead).toBe(6_919);
    expect(file.rowsSkipped).toEqual({});
    const summary = summariseCalibration(file.purchases, dayNumber('1997-09-30')!, dayNumber('1998-06-30'), 7);
    const published = readCdnowSummary();
    expect(summary.customerIds).toHaveLength(2_357);
    // Sample ids are 1..2357 and the summary file is in id order.
    const order = summary.customerIds.map((id, i) => [Number(id), i] as const).sort((a, b) => a[0] - b[0]);
    order.forEach(([id, i], row) => {
      expect(id).toBe(row + 1);
      expect(summary.x[i]).toBe(published.x[row]);
      // The published file rounds to two decimals, halves up.
      const halfCent = 0.005 + 1e-9;
      expect(Math.abs(summary.tx[i]! - published.tx[row]!)).toBeLessThanOrEqual(halfCent);
      expect(Math.abs(summary.T[i]! - published.T[row]!)).toBeLessThanOrEqual(halfCent);
      expect(Math.abs(summary.zbar[i]! - published.zbar[row]!)).toBeLessThanOrEqual(halfCent);
    });
  });

  it('counts holdout purchase days and leaves out customers first seen after calibration', () => {
    const d = (text: string) => dayNumber(text)!;
    const purchases = new Map([
      ['a', new Map([[d('2020-01-01'), 10], [d('2020-01-08'), 30], [d('2020-02-01'), 5], [d('2020-03-01'), 1]])],
      ['late', new Map([[d('2020-02-10'), 7]])],
    ]);
    const summary = summariseCalibration(purchases, d('2020-01-15'), d('2020-02-15'), 7);
    expect(summary.customerIds).toEqual(['a']);
    expect(Array.from(summary.x)).toEqual([1]);
    expect(Array.from(summary.tx)).toEqual([1]);
    expect(Array.from(summary.T)).toEqual([2]);
    expect(Array.from(summary.zbar)).toEqual([30]);
    expect(Array.from(summary.holdoutPurchases)).toEqual([1]);
    expect(summary.customersFirstSeenLater).toBe(1);
  });
});

describe('dayNumber', () => {
  it('reads ISO dates, compact dates and date-times, and rejects impossible dates', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('19970101')).toBe(dayNumber('1997-01-01'));
    expect(dayNumber('2011-12-09 12:50:00')).toBe(dayNumber('2011-12-09'));
    expect(dayNumber('2011-02-30')).toBeUndefined();
    expect(dayNumber('yesterday')).toBeUndefined();
  });
});
