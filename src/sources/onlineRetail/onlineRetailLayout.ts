import type { LandingRow } from '../connector.js';
import type { BulkCsvLayout, LineContext } from '../files/bulk/bulkCsvLayout.js';
import { wallClockToEpochMs } from '../files/zonedTime.js';

/** The UCI Online Retail export: one order line per row, times in UK local time, prices in GBP. */
export const ONLINE_RETAIL_HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'] as const;
const TIME_ZONE = 'Europe/London';

// mapLine must land what the COPY path lands for every line the COPY path vets (test/sources/bulkOrderLines.test.ts compares them).
// Plain decimals that fit numeric(18, 4).
const DECIMAL = /^[+-]?(\d{1,14}(\.\d*)?|\.\d+)$/;
const LOCAL_TIME = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const emptyToNull = (value: string) => (value === '' ? null : value);

/** InvoiceDate (UK wall-clock time) as ISO UTC, or null when it is not a real time. */
function invoiceTime(text: string): string | null {
  const m = LOCAL_TIME.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (day > daysInMonth(year, month)) return null;
  const ms = wallClockToEpochMs({ year, month, day, hour: Number(m[4]), minute: Number(m[5]), second: Number(m[7] ?? 0), ms: 0 }, TIME_ZONE);
  return ms === null ? null : new Date(ms).toISOString();
}

function mapLine(fields: readonly string[], context: LineContext) {
  const [invoiceNo = '', stockCode = '', description = '', quantity = '', invoiceDate = '', unitPrice = '', customerId = '', country = ''] = fields;
  const position = `${context.fileName}:${context.line}`;
  const reject = (reasonCode: string, detail: string) => ({ reject: { sourceObject: context.object, position, reasonCode, detail, original: context.text } });
  if (context.text.includes('\u0000')) return reject('malformed_line', 'the line contains a NUL byte');
  if (invoiceNo.trim() === '') return reject('missing_id', 'InvoiceNo is empty');
  let orderedAt: string | null = null;
  if (invoiceDate.trim() !== '') {
    orderedAt = invoiceTime(invoiceDate.trim());
    if (orderedAt === null) return reject('bad_timestamp', `InvoiceDate: not a YYYY-MM-DD HH:MM:SS time: ${JSON.stringify(invoiceDate)}`);
  }
  if (quantity.trim() !== '' && !DECIMAL.test(quantity.trim())) return reject('bad_value', `Quantity: not a number: ${JSON.stringify(quantity)}`);
  if (unitPrice.trim() !== '' && !DECIMAL.test(unitPrice.trim())) return reject('bad_value', `UnitPrice: not a number: ${JSON.stringify(unitPrice)}`);
  const row: LandingRow = {
    entity: 'order_lines', sourceObject: context.object, sourceId: `${invoiceNo}:${context.line}`, modifiedAt: null, position, record: null,
    fields: {
      order_source_id: invoiceNo, customer_source_id: emptyToNull(customerId.replace(/\.0$/, '')), ordered_at: orderedAt, sku: emptyToNull(stockCode),
      description: emptyToNull(description), quantity: emptyToNull(quantity.trim()), unit_price: emptyToNull(unitPrice.trim()), currency: 'GBP', country: emptyToNull(country),
    },
  };
  return { row };
}

export const onlineRetailLayout: BulkCsvLayout = {
  header: ONLINE_RETAIL_HEADER,
  table: 'raw.order_lines',
  fields: [
    { column: 'order_source_id', kind: 'id' },
    { column: 'sku', kind: 'text' },
    { column: 'description', kind: 'text' },
    { column: 'quantity', kind: 'decimal' },
    { column: 'ordered_at', kind: 'localTime' },
    { column: 'unit_price', kind: 'decimal' },
    { column: 'customer_source_id', kind: 'excelId' },
    { column: 'country', kind: 'text' },
  ],
  constants: { currency: 'GBP' },
  sourceIdField: 0,
  timeZone: TIME_ZONE,
  mapLine,
};
