import type { LandingRow } from '../connector.js';
import type { BulkCsvLayout, LineContext } from '../files/bulk/bulkCsvLayout.js';
import { wallClockToEpochMs } from '../files/zonedTime.js';

/** The UCI Online Retail export: one order line per row, times in UK local time, prices in GBP. */
export const ONLINE_RETAIL_HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'] as const;
const STAGING_COLUMNS = ['invoice_no', 'stock_code', 'description', 'quantity', 'invoice_date', 'unit_price', 'customer_id', 'country'] as const;
const TIME_ZONE = 'Europe/London';

// The JavaScript and SQL checks below must agree line for line (test/sources/bulkOrderLines.test.ts compares them).
// Plain decimals that fit numeric(18, 4).
const DECIMAL = /^[+-]?(\d{1,14}(\.\d*)?|\.\d+)$/;
const DECIMAL_SQL = String.raw`^[+-]{0,1}(\d{1,14}(\.\d*){0,1}|\.\d+)$`;
const LOCAL_TIME = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d))?$/;
const LOCAL_TIME_SQL = String.raw`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d(:[0-5]\d){0,1}$`;

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

// COPY reads an unquoted empty field as null and a quoted one ("") as '': nullif() treats both as empty.
const VALID_TIME_SQL = `(trim(invoice_date) ~ '${LOCAL_TIME_SQL}' and (substr(trim(invoice_date), 9, 2) <= '28' or substr(trim(invoice_date), 9, 2) <= case substr(trim(invoice_date), 6, 2)
  when '02' then case when cast(substr(trim(invoice_date), 1, 4) as int) % 4 = 0 and (cast(substr(trim(invoice_date), 1, 4) as int) % 100 <> 0 or cast(substr(trim(invoice_date), 1, 4) as int) % 400 = 0) then '29' else '28' end
  when '04' then '30' when '06' then '30' when '09' then '30' when '11' then '30' else '31' end))`;

const REASON_SQL = `case
    when coalesce(trim(invoice_no), '') = '' then 'missing_id'
    when coalesce(trim(invoice_date), '') <> '' and not ${VALID_TIME_SQL} then 'bad_timestamp'
    when coalesce(trim(quantity), '') <> '' and trim(quantity) !~ '${DECIMAL_SQL}' then 'bad_value:Quantity'
    when coalesce(trim(unit_price), '') <> '' and trim(unit_price) !~ '${DECIMAL_SQL}' then 'bad_value:UnitPrice'
  end`;

// Most lines pass these cheap checks (no regex): only the rest are judged by REASON_SQL.
const PLAIN_NUMBER_SQL = (column: string) => `(${column} is null or ${column} = '' or (translate(${column}, '0123456789', '') in ('', '.', '-', '-.')
    and length(${column}) between 1 and 14 and length(${column}) > length(translate(${column}, '0123456789', '')) and strpos(${column}, '-') <= 1))`;
const SURELY_VALID_SQL = `(btrim(invoice_no) <> ''
    and (invoice_date is null or invoice_date = '' or (translate(invoice_date, '0123456789', '9999999999') = '9999-99-99 99:99:99'
      and substr(invoice_date, 6, 2) between '01' and '12' and substr(invoice_date, 9, 2) between '01' and '28'
      and substr(invoice_date, 12, 2) <= '23' and substr(invoice_date, 15, 2) <= '59' and substr(invoice_date, 18, 2) <= '59'))
    and ${PLAIN_NUMBER_SQL('quantity')} and ${PLAIN_NUMBER_SQL('unit_price')})`;

const REJECT_SQL = `select line, split_part(reason, ':', 1) as reason_code,
    case reason
      when 'missing_id' then 'InvoiceNo is empty'
      when 'bad_timestamp' then 'InvoiceDate: not a YYYY-MM-DD HH:MM:SS time: ' || cast(to_json(invoice_date) as text)
      when 'bad_value:Quantity' then 'Quantity: not a number: ' || cast(to_json(quantity) as text)
      else 'UnitPrice: not a number: ' || cast(to_json(unit_price) as text)
    end as detail
  from (select line, invoice_no, invoice_date, quantity, unit_price, case when ${SURELY_VALID_SQL} then null else ${REASON_SQL} end as reason from bulk_stage) checked
  where reason is not null`;

// Casts are safe here: every line REJECT_SQL found is excluded.
const INSERT_SQL = `insert into raw.order_lines (run_id, source, source_object, source_id, position, order_source_id, customer_source_id, ordered_at,
    sku, description, quantity, unit_price, currency, country)
  select cast($1 as uuid), $2, $3, invoice_no || ':' || line, $4 || ':' || line, invoice_no, nullif(regexp_replace(customer_id, '\\.0$', ''), ''),
    cast(nullif(trim(invoice_date), '') as timestamp) at time zone '${TIME_ZONE}', nullif(stock_code, ''), nullif(description, ''),
    cast(nullif(trim(quantity), '') as numeric), cast(nullif(trim(unit_price), '') as numeric), 'GBP', nullif(country, '')
  from bulk_stage
  where line <> all(cast($5 as bigint[]))`;

export const onlineRetailLayout: BulkCsvLayout = {
  header: ONLINE_RETAIL_HEADER,
  stagingColumns: STAGING_COLUMNS,
  insertSql: INSERT_SQL,
  rejectSql: REJECT_SQL,
  mapLine,
};
