import { SALESFORCE_OBJECT_SPECS, type SalesforceObjectName } from './salesforceObjects.js';

/**
 * The SOQL that reads an object in modification order, from `since` when given. Ordering by
 * SystemModstamp makes the high-water mark grow page by page, so an expired query locator can
 * restart from the last committed mark without skipping anything.
 */
export function extractSoql(object: SalesforceObjectName, since: string | null): string {
  const fields = SALESFORCE_OBJECT_SPECS[object].fields.join(', ');
  const where = since === null ? '' : ` WHERE SystemModstamp >= ${soqlDateTime(since)}`;
  return `SELECT ${fields} FROM ${object}${where} ORDER BY SystemModstamp, Id`;
}

/** A cheap query that proves the object is readable with these credentials. */
export function probeSoql(object: SalesforceObjectName): string {
  return `SELECT Id FROM ${object} LIMIT 1`;
}

/**
 * SOQL dateTime literals have whole seconds (YYYY-MM-DDThh:mm:ssZ, unquoted); rounding down
 * re-reads at most a second's worth of records, which the upsert absorbs.
 */
export function soqlDateTime(iso: string): string {
  return `${new Date(Date.parse(iso)).toISOString().slice(0, 19)}Z`;
}
