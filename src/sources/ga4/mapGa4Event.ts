import { createHash } from 'node:crypto';
import type { JsonValue, LandingReject, LandingRow, LandingValue } from '../connector.js';
import { GA4_EVENT_PARAMS, type Ga4ExportRow, type Ga4Param } from './ga4ExportRow.js';

export const GA4_OBJECT = 'events';

export type Ga4LineResult = { row: LandingRow } | { reject: LandingReject };

type JsonObject = { [key: string]: JsonValue };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** An INT64 as BigQuery's JSON export writes it: a JSON number or a digit string. */
function integerText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && /^-{0,1}\d{1,19}$/.test(value)) return value;
  return null;
}

/** The value of one event parameter, whichever typed field holds it. */
function paramValue(params: unknown, key: string): LandingValue {
  if (!Array.isArray(params)) return null;
  const param = params.find((p): p is Ga4Param => isObject(p) && p.key === key);
  if (!param || !isObject(param.value)) return null;
  const { string_value, int_value, double_value, float_value } = param.value;
  for (const candidate of [string_value, int_value, double_value, float_value]) {
    if (typeof candidate === 'string' || (typeof candidate === 'number' && Number.isFinite(candidate))) return candidate;
  }
  return null;
}

// PostgreSQL text and jsonb cannot hold U+0000; such a row would fail its whole batch.
function containsNul(value: JsonValue): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (isObject(value)) return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

/**
 * GA4 rows carry no event id. The id is a hash of the fields GA4 documents as identifying an event
 * on a device (pseudo id, client timestamp in microseconds, name, upload bundle and position in the
 * batch), not `file:line`: GA4 rewrites a day's table as late events arrive, which moves lines, and
 * a re-read event must keep its id so downstream keeps one version. Rows identical in all of these
 * are the same event sent twice and land once.
 */
export function ga4EventId(row: JsonObject, timestampMicros: string): string {
  const parts = [
    row.stream_id, row.user_pseudo_id, row.user_id, timestampMicros, row.event_name,
    row.event_bundle_sequence_id, row.batch_event_index, row.batch_page_id, row.batch_ordering_id,
  ].map((v) => (v === undefined || v === null ? null : String(v)));
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

/** Maps one NDJSON line of a GA4 export to a web_events row, or says why it cannot be used. */
export function mapGa4Line(lineText: string, file: string, line: number): Ga4LineResult {
  const position = `${file}:${line}`;
  const reject = (reasonCode: string, detail: string): Ga4LineResult => ({
    reject: { sourceObject: GA4_OBJECT, position, reasonCode, detail, original: lineText },
  });
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(lineText) as JsonValue;
  } catch (error) {
    return reject('malformed_line', `not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) return reject('malformed_line', 'not a JSON object (one export row per line expected)');
  if (containsNul(parsed)) return reject('bad_value', 'contains a NUL character (\\u0000), which PostgreSQL cannot store');
  const row = parsed as JsonObject & Partial<Record<keyof Ga4ExportRow, JsonValue>>;

  const micros = integerText(row.event_timestamp);
  if (micros === null) return reject('bad_timestamp', `event_timestamp must be microseconds since the epoch (got ${JSON.stringify(row.event_timestamp ?? null)})`);
  const occurredMs = Number(BigInt(micros) / 1000n);
  const occurred = new Date(occurredMs);
  if (Number.isNaN(occurred.getTime()) || occurred.getUTCFullYear() < 2000 || occurred.getUTCFullYear() > 9999) {
    return reject('bad_timestamp', `event_timestamp ${micros} is not a plausible time in microseconds`);
  }
  const pseudoId = text(row.user_pseudo_id);
  const userId = text(row.user_id);
  if (pseudoId === null && userId === null) return reject('missing_id', 'neither user_pseudo_id nor user_id is set');

  const sessionNumber = paramValue(row.event_params, GA4_EVENT_PARAMS.sessionId);
  const collected = isObject(row.collected_traffic_source) ? row.collected_traffic_source : {};
  const firstTouch = isObject(row.traffic_source) ? row.traffic_source : {};
  const ecommerce = isObject(row.ecommerce) ? row.ecommerce : {};
  const purchaseRevenue = ecommerce.purchase_revenue;
  const revenue: LandingValue = typeof purchaseRevenue === 'number' || typeof purchaseRevenue === 'string'
    ? purchaseRevenue
    : row.event_name === 'purchase' ? paramValue(row.event_params, GA4_EVENT_PARAMS.value) : null;
  const currency = paramValue(row.event_params, GA4_EVENT_PARAMS.currency);
  const pageUrl = paramValue(row.event_params, GA4_EVENT_PARAMS.pageLocation);

  return {
    row: {
      entity: 'web_events',
      sourceObject: GA4_OBJECT,
      sourceId: ga4EventId(row, micros),
      modifiedAt: null,
      position,
      record: row,
      fields: {
        visitor_id: pseudoId,
        user_id: userId,
        session_id: pseudoId !== null && sessionNumber !== null ? `${pseudoId}.${sessionNumber}` : null,
        event_name: text(row.event_name),
        occurred_at: occurred.toISOString(),
        page_url: pageUrl === null ? null : String(pageUrl),
        // The event's own campaign parameters first; traffic_source is the user's first acquisition.
        channel: text(collected.manual_medium) ?? text(firstTouch.medium),
        campaign: text(collected.manual_campaign_name) ?? text(firstTouch.name),
        revenue,
        currency: currency === null ? null : String(currency),
      },
    },
  };
}
