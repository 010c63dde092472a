import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config.js';

/**
 * CDNOW_sample.txt (whitespace-separated, CRLF, no header: master id, customer, YYYYMMDD, CDs, dollars)
 * written as a CSV with a header, the shape `segflow clv` reads. Returns the file path.
 */
export function writeCdnowSampleCsv(): string {
  const raw = gunzipSync(readFileSync(join(loadConfig().dataDir, 'cdnow', 'CDNOW_sample.txt.gz'))).toString('utf8');
  const rows = raw.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => {
    const [, customer, date, cds, dollars] = line.trim().split(/\s+/);
    return `${customer},${date},${cds},${dollars}`;
  });
  const file = join(tmpdir(), `cdnow_sample_${process.pid}.csv`);
  writeFileSync(file, ['customer,date,cds,amount', ...rows].join('\n') + '\n');
  return file;
}
