import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../../../src/config.js';

/** The CDNOW sample summary (Fader, Hardie & Lee 2005): 2,357 customers, times in weeks. */
export interface CdnowSummary {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  zbar: Float64Array;
}

export const cdnowSummaryPath = join(loadConfig().dataDir, 'cdnow', 'cdnow_customers_summary_with_transactions.csv.gz');

/** Reads `ID,x,t_x,T,zbar` (CRLF line ends, no trailing newline) into typed arrays. */
export function readCdnowSummary(): CdnowSummary {
  const lines = gunzipSync(readFileSync(cdnowSummaryPath)).toString('utf8').split(/\r?\n/);
  const header = lines.shift()?.trim();
  if (header !== 'ID,x,t_x,T,zbar') throw new Error(`unexpected CDNOW header: ${header}`);
  const rows = lines.filter((line) => line.trim() !== '');
  const summary: CdnowSummary = {
    x: new Float64Array(rows.length),
    tx: new Float64Array(rows.length),
    T: new Float64Array(rows.length),
    zbar: new Float64Array(rows.length),
  };
  rows.forEach((line, i) => {
    const cells = line.split(',').map(Number);
    if (cells.length !== 5 || cells.some((cell) => !Number.isFinite(cell))) throw new Error(`bad CDNOW row ${i + 2}: ${line}`);
    summary.x[i] = cells[1]!;
    summary.tx[i] = cells[2]!;
    summary.T[i] = cells[3]!;
    summary.zbar[i] = cells[4]!;
  });
  return summary;
}

/** `value` rounded to three significant figures, for comparing with published estimates. */
export const threeFigures = (value: number): number => Number(value.toPrecision(3));
