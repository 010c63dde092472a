import { isCalendarDate, midnightUtc } from '../datasetFiles/calendarDate.js';
import { isDecimal, isWholeNumber } from '../datasetFiles/decimalText.js';
import { rejectLine, type LineOutcome } from '../datasetFiles/lineOutcome.js';

/** Column layouts: the master file has a header line; the 1/10 sample has none and carries both ids. */
export const CDNOW_COLUMNS = {
  master: ['customer_id', 'date', 'number_of_cds', 'dollar_value'],
  sample: ['master_customer_id', 'sample_customer_id', 'date', 'number_of_cds', 'dollar_value'],
} as const;
export type CdnowFile = keyof typeof CDNOW_COLUMNS;

const fieldsOf = (text: string) => text.trim().split(/\s+/);

/** Line 1 of the master copy is ` customer_id  date number_of_cds  dollar_value`; other copies start with data. */
export function readCdnowFirstLine(text: string): 'header' | 'data' {
  return fieldsOf(text).join(' ') === CDNOW_COLUMNS.master.join(' ') ? 'header' : 'data';
}

/**
 * One whitespace-separated purchase line → raw.orders. There is no order id: a purchase is
 * `${customer}:${line}` (a customer buys several times on one day). customer ids stay as written
 * (5-digit, zero-padded, the same in master and sample); the date is a day, landed at 00:00 UTC;
 * the dollar value is the order total in USD; the number of CDs stays in `record`.
 */
export function mapCdnowLine(text: string, position: string, line: number, file: CdnowFile, sourceObject: string): LineOutcome {
  const columns = CDNOW_COLUMNS[file];
  const values = fieldsOf(text);
  if (values.length !== columns.length) {
    return rejectLine(sourceObject, position, 'malformed_line', `${values.length} fields, expected ${columns.length} (${columns.join(' ')})`, text);
  }
  const record = Object.fromEntries(columns.map((column, i) => [column, values[i] ?? '']));
  const customer = values[0] ?? '';
  const [date = '', cds = '', dollars = ''] = values.slice(-3);
  if (!isWholeNumber(customer)) return rejectLine(sourceObject, position, 'missing_id', `customer id is not a number: ${JSON.stringify(customer)}`, text);
  const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
  if (!/^\d{8}$/.test(date) || !isCalendarDate(day)) return rejectLine(sourceObject, position, 'bad_timestamp', `date is not YYYYMMDD: ${JSON.stringify(date)}`, text);
  if (!isWholeNumber(cds)) return rejectLine(sourceObject, position, 'bad_number', `number_of_cds is not a whole number: ${JSON.stringify(cds)}`, text);
  if (!isDecimal(dollars)) return rejectLine(sourceObject, position, 'bad_number', `dollar_value is not a number: ${JSON.stringify(dollars)}`, text);
  return {
    row: {
      entity: 'orders',
      sourceObject,
      sourceId: `${customer}:${line}`,
      modifiedAt: null,
      position,
      record,
      fields: { customer_source_id: customer, ordered_at: midnightUtc(day), currency: 'USD', total: dollars },
    },
  };
}
