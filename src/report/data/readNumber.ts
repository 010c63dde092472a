/** PostgreSQL numeric arrives as text; the report computes and formats with numbers. */
export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

export function numberOrZero(value: unknown): number {
  return numberOrNull(value) ?? 0;
}
