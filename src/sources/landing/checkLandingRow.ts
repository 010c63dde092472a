import type { LandingReject, LandingRow, LandingValue } from '../connector.js';
import { LANDING_ENTITIES, type LandingColumnType } from './landingEntities.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;
const INTEGER = /^[+-]?\d{1,9}$/;

/** The value as COPY text, or a description of why it does not fit the column. */
export function landingValueText(value: LandingValue | undefined, type: LandingColumnType): { text: string | null } | { problem: string } {
  if (value === null || value === undefined) return { text: null };
  switch (type) {
    case 'text':
      return { text: String(value) };
    case 'integer': {
      const text = String(value).trim();
      return INTEGER.test(text) ? { text } : { problem: `not an integer: ${JSON.stringify(value)}` };
    }
    case 'numeric': {
      if (typeof value === 'number') return Number.isFinite(value) ? { text: String(value) } : { problem: `not a finite number: ${value}` };
      const text = String(value).trim();
      return NUMERIC.test(text) ? { text } : { problem: `not a number: ${JSON.stringify(value)}` };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { text: value ? 't' : 'f' };
      return value === 'true' || value === 'false' ? { text: value === 'true' ? 't' : 'f' } : { problem: `not true/false: ${JSON.stringify(value)}` };
    case 'timestamptz': {
      const text = String(value).trim();
      const ms = Date.parse(text);
      if (!ISO_TIMESTAMP.test(text) || Number.isNaN(ms)) return { problem: `not an ISO-8601 timestamp with a zone: ${JSON.stringify(value)}` };
      return { text: new Date(ms).toISOString() };
    }
    case 'date': {
      const text = String(value).trim();
      const ms = Date.parse(`${text}T00:00:00Z`);
      if (!ISO_DATE.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
        return { problem: `not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}` };
      }
      return { text };
    }
  }
}

/**
 * Checks a mapped row against its table before it is written, so one bad value becomes a reject
 * instead of failing the whole COPY. Returns the mapped column texts in table order.
 */
export function checkLandingRow(row: LandingRow): { values: Array<string | null> } | { reject: LandingReject } {
  const spec = LANDING_ENTITIES[row.entity];
  const reject = (reasonCode: string, detail: string) => ({
    reject: {
      sourceObject: row.sourceObject,
      position: row.position ?? row.sourceId,
      reasonCode,
      detail,
      original: row.record === null ? '' : JSON.stringify(row.record),
    },
  });
  if (!row.sourceId) return reject('missing_id', 'the record has no id');
  for (const key of Object.keys(row.fields)) {
    if (!Object.hasOwn(spec.columns, key)) return reject('unknown_field', `${spec.table} has no column ${key}`);
  }
  if (row.modifiedAt !== null) {
    const checked = landingValueText(row.modifiedAt, 'timestamptz');
    if ('problem' in checked) return reject('bad_timestamp', `modification time ${checked.problem}`);
  }
  // PostgreSQL cannot store NUL in text or jsonb: one such value would fail the whole batch's COPY.
  if (row.record !== null && JSON.stringify(row.record).includes('\\u0000')) return reject('bad_value', 'the record contains a NUL character');
  const values: Array<string | null> = [];
  for (const [column, type] of Object.entries(spec.columns)) {
    const checked = landingValueText(row.fields[column], type);
    if ('problem' in checked) return reject(type === 'timestamptz' || type === 'date' ? 'bad_timestamp' : 'bad_value', `${column}: ${checked.problem}`);
    if (checked.text?.includes('\u0000')) return reject('bad_value', `${column}: contains a NUL character`);
    values.push(checked.text);
  }
  return { values };
}
