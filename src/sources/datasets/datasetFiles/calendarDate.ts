/** Whether `text` is a real calendar date written YYYY-MM-DD (2017-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/**
 * The start of a calendar day as an ISO timestamp in UTC. The datasets give dates without a time
 * zone; midnight UTC keeps the calendar day when the value is read back in UTC.
 */
export function midnightUtc(date: string): string {
  return `${date}T00:00:00.000Z`;
}
