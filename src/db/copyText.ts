/** One value in PostgreSQL COPY text format: \N for null, backslash escapes for the delimiters. */
export function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(copyValue).join('\t') + '\n';
}
