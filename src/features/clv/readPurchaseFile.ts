import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { UserFacingError } from '../../userFacingError.js';
import type { PurchaseDays } from './calibrationSummary.js';

export interface PurchaseColumns {
  customer: string;
  date: string;
  amount: string;
}

export interface PurchaseFile {
  purchases: PurchaseDays;
  rowsRead: number;
  /** Rows left out, by reason: missing_customer, unparsable_date, unparsable_amount, negative_amount. */
  rowsSkipped: Record<string, number>;
}

const DAY_MS = 86_400_000;

/** Day number of YYYY-MM-DD, YYYYMMDD or an ISO date-time (its date part); undefined when not a real date. */
export function dayNumber(text: string): number | undefined {
  const match = /^(\d{4})-{0,1}(\d{2})-{0,1}(\d{2})([ T].*){0,1}$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / DAY_MS;
}

/**
 * Streams a CSV (plain or .gz) with a header into purchase days per customer, merging same-day
 * purchases. Rows that cannot be used are counted by reason, never dropped silently.
 */
export async function readPurchaseFile(file: string, columns: PurchaseColumns, delimiter: string): Promise<PurchaseFile> {
  const purchases: PurchaseDays = new Map();
  const rowsSkipped: Record<string, number> = {};
  const skip = (reason: string) => { rowsSkipped[reason] = (rowsSkipped[reason] ?? 0) + 1; };
  let rowsRead = 0;
  const input = createReadStream(file);
  const parser = parse({ columns: true, delimiter, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  const opened = new Promise<void>((resolve, reject) => { input.once('open', () => resolve()); input.once('error', reject); });
  try {
    await opened;
  } catch {
    throw new UserFacingError(`cannot read ${file}`, 'check the --input path');
  }
  (file.endsWith('.gz') ? input.pipe(createGunzip()) : input).pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<Record<string, string | undefined>>) {
      if (rowsRead === 0) {
        const missing = Object.values(columns).filter((c) => !(c in row));
        if (missing.length > 0) {
          throw new UserFacingError(
            `${file} has no column ${missing.map((c) => `"${c}"`).join(', ')} (columns: ${Object.keys(row).join(', ')})`,
            'name the columns with --customer-col, --date-col and --amount-col',
          );
        }
      }
      rowsRead += 1;
      const customer = row[columns.customer];
      const day = dayNumber(row[columns.date] ?? '');
      const amount = Number(row[columns.amount]);
      if (!customer) skip('missing_customer');
      else if (day === undefined) skip('unparsable_date');
      else if (row[columns.amount] === '' || !Number.isFinite(amount)) skip('unparsable_amount');
      else if (amount < 0) skip('negative_amount');
      else {
        const days = purchases.get(customer) ?? new Map<number, number>();
        days.set(day, (days.get(day) ?? 0) + amount);
        purchases.set(customer, days);
      }
    }
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`${file} could not be read as CSV (${(error as Error).message})`, 'check the file and --delimiter');
  }
  return { purchases, rowsRead, rowsSkipped };
}
