/** The timestamp spellings each vendor uses; all moments are UTC epoch milliseconds. */

export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** 2024-01-15T10:20:30Z (Marketo, the billing export). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** 2024-01-15T10:20:30.000+0000 (Salesforce REST). */
export function salesforceDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23) + '+0000';
}

/** 2024-01-15T10:20:30+00:00 (Pardot v5 reports times with the API user's offset). */
export function offsetDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+00:00';
}

/** 2024-01-15 */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 20240115 (GA4 event_date and export table suffix). */
export function compactDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

/** 2024-01-15 10:20:30 (Adobe data feed date_time, report suite time zone = UTC here). */
export function adobeDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 10) + ' ' + iso.slice(11, 19);
}
