/** How the report writes numbers: thousands separators, currency, % with one decimal; null as "n/a", never 0. */

export type KpiUnit = 'count' | 'currency' | 'ratio' | 'number' | 'score';

export const NOT_AVAILABLE = 'n/a';

const LOCALE = 'en-GB';
const counts = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const signedCounts = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedOneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const twoDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedTwoDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** A value that rounds to zero at `decimals` places is written 0, never -0 (a tiny refund is not a loss). */
function rounded(value: number, decimals: number): number {
  return Math.abs(value) * 10 ** decimals < 0.5 ? 0 : value;
}

/** Amounts of a thousand or more lose their pence: they are read for size, not to the penny. */
function currencyFormat(currency: string, value: number, signed: boolean): Intl.NumberFormat {
  const digits = Math.abs(value) >= 1000 ? 0 : 2;
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: signed ? 'exceptZero' : 'auto',
  });
}

export function formatCount(value: number | null): string {
  return value === null ? NOT_AVAILABLE : counts.format(rounded(value, 0));
}

export function formatCurrency(value: number | null, currency: string): string {
  if (value === null) return NOT_AVAILABLE;
  const format = currencyFormat(currency, value, false);
  return format.format(rounded(value, format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** A ratio 0..1 as a percentage with one decimal: 0.2791 → 27.9%. */
export function formatShare(value: number | null): string {
  return value === null ? NOT_AVAILABLE : percent.format(rounded(value, 3));
}

export function formatKpiValue(value: number | null, unit: KpiUnit, currency: string): string {
  if (value === null) return NOT_AVAILABLE;
  switch (unit) {
    case 'count': return formatCount(value);
    case 'currency': return formatCurrency(value, currency);
    case 'ratio': return formatShare(value);
    case 'number': return twoDecimals.format(rounded(value, 2));
    case 'score': return oneDecimal.format(rounded(value, 1));
  }
}

/** An absolute change with its sign; a change of a ratio is in percentage points. */
export function formatKpiChange(change: number | null, unit: KpiUnit, currency: string): string {
  if (change === null) return NOT_AVAILABLE;
  switch (unit) {
    case 'count': return signedCounts.format(change);
    case 'currency': return currencyFormat(currency, change, true).format(change);
    case 'ratio': return `${signedOneDecimal.format(100 * change)} pp`;
    case 'number': return signedTwoDecimals.format(change);
    case 'score': return signedOneDecimal.format(change);
  }
}

/** A relative change given as a ratio: 0.123 → +12.3%. */
export function formatPercentChange(ratio: number | null): string {
  return ratio === null ? NOT_AVAILABLE : signedPercent.format(ratio);
}

/** The currency's symbol for chart axes (GBP → £). */
export function currencySymbol(currency: string): string {
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).formatToParts(0).find((part) => part.type === 'currency')?.value ?? currency;
}

/** 2011-12-09 → 9 Dec 2011 */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!)).toLocaleDateString(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
