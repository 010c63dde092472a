/**
 * A decimal amount in millions as a decimal string in units ("1100.04" → "1100040000"), shifted
 * digit by digit so no binary rounding creeps into revenue figures. Null when `text` is not a
 * plain decimal.
 */
export function millionsToUnits(text: string): string | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  const shifted = `${whole}${fraction.slice(0, 6).padEnd(6, '0')}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(6);
  return `${sign}${shifted}${rest ? `.${rest}` : ''}`;
}
