import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCdnowSampleCsv } from '../support/cdnowSampleCsv.js';
import { runCli } from '../support/cliProcess.js';

const sig3 = (x: number) => Number(x.toPrecision(3));
const columns = ['--customer-col', 'customer', '--date-col', 'date', '--amount-col', 'amount'];

describe('segflow clv', () => {
  it('fits the published CDNOW estimates from raw transactions and compares the holdout', async () => {
    const result = await runCli(['clv', '--input', writeCdnowSampleCsv(), ...columns, '--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30', '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4; Gamma-Gamma p 6.25, q 3.74, v 15.44.
    expect([out.bgnbd.r, out.bgnbd.alpha, out.bgnbd.a, out.bgnbd.b].map(sig3)).toEqual([0.243, 4.41, 0.793, 2.43]);
    expect(out.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect([out.gammaGamma.p, out.gammaGamma.q, out.gammaGamma.v].map(sig3)).toEqual([6.25, 3.74, 15.4]);
    expect(out.input).toMatchObject({ rowsRead: 6919, customers: 2357, repeatBuyers: 946, timeUnit: 'weeks' });
    expect(out.holdout.lengthUnits).toBe(39);
    expect(out.holdout.actualTotal).toBe(1882);
    expect(out.holdout.byRepeatPurchases.map((b: { customers: number }) => b.customers)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(out.holdout.predictedTotal).toBeGreaterThan(1500);
    expect(out.holdout.predictedTotal).toBeLessThan(1900);
  });

  it('names a missing column and lists the ones there are', async () => {
    const result = await runCli(['clv', '--input', writeCdnowSampleCsv(), '--customer-col', 'cust', '--date-col', 'date', '--amount-col', 'amount', '--calibration-end', '1997-09-30']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^segflow: .* has no column "cust" \(columns: customer, date, cds, amount\) — name the columns with --customer-col/);
  });

  it('explains why a file of single purchases cannot be fitted', async () => {
    const file = join(tmpdir(), `clv-single-${process.pid}.csv`);
    writeFileSync(file, 'customer,date,amount\na,2020-01-01,5\nb,2020-01-02,0\nc,2020-01-03,-4\nd,not-a-date,3\n');
    const result = await runCli(['clv', '--input', file, ...columns, '--calibration-end', '2020-06-30']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^segflow: BG\/NBD needs at least one repeat buyer.* — use a later --calibration-end/);
  });

  it('rejects a holdout that ends before the calibration does', async () => {
    const result = await runCli(['clv', '--input', writeCdnowSampleCsv(), ...columns, '--calibration-end', '1997-09-30', '--holdout-end', '1997-01-01']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/--holdout-end 1997-01-01 is not after --calibration-end 1997-09-30/);
  });
});
