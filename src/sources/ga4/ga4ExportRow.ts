/**
 * One row of a Google Analytics 4 BigQuery export table (events_YYYYMMDD), as written to
 * newline-delimited JSON by a BigQuery extract: https://support.google.com/analytics/answer/7029846
 * Only the fields segflow reads are spelled out; the rest of the documented schema passes through
 * untouched in `record`. BigQuery's JSON export writes INT64 columns as strings, so every integer
 * may arrive as a number or a digit string. The company-in-a-box generator imports this type so
 * the files it writes are the files this connector reads.
 */
export type Ga4Integer = number | string;

/** A typed parameter value: exactly one of the *_value fields is set. */
export interface Ga4ParamValue {
  string_value?: string | null;
  int_value?: Ga4Integer | null;
  float_value?: number | null;
  double_value?: number | null;
  /** user_properties only: when the property was last set, in microseconds. */
  set_timestamp_micros?: Ga4Integer | null;
}

/** One entry of the repeated event_params or user_properties record. */
export interface Ga4Param {
  key: string;
  value: Ga4ParamValue;
}

export interface Ga4ExportRow {
  /** Date the event was logged, YYYYMMDD in the property's time zone. */
  event_date: string;
  /** When the client logged the event, microseconds since the epoch (UTC). */
  event_timestamp: Ga4Integer;
  event_name: string;
  event_params?: Ga4Param[] | null;
  event_previous_timestamp?: Ga4Integer | null;
  event_value_in_usd?: number | null;
  event_bundle_sequence_id?: Ga4Integer | null;
  event_server_timestamp_offset?: Ga4Integer | null;
  batch_event_index?: Ga4Integer | null;
  batch_page_id?: Ga4Integer | null;
  batch_ordering_id?: Ga4Integer | null;
  /** The site's own id for a signed-in user (set with the user_id config parameter). */
  user_id?: string | null;
  /** The pseudonymous (cookie) id of the browser or app instance. */
  user_pseudo_id?: string | null;
  user_first_touch_timestamp?: Ga4Integer | null;
  user_properties?: Ga4Param[] | null;
  user_ltv?: { revenue?: number | null; currency?: string | null } | null;
  device?: {
    category?: string | null;
    mobile_brand_name?: string | null;
    mobile_model_name?: string | null;
    operating_system?: string | null;
    operating_system_version?: string | null;
    language?: string | null;
    web_info?: { browser?: string | null; browser_version?: string | null; hostname?: string | null } | null;
  } | null;
  geo?: {
    continent?: string | null;
    sub_continent?: string | null;
    country?: string | null;
    region?: string | null;
    city?: string | null;
    metro?: string | null;
  } | null;
  /** The campaign that FIRST acquired the user (user-scoped, not this event's). */
  traffic_source?: { name?: string | null; medium?: string | null; source?: string | null } | null;
  /** Campaign parameters collected with this event (utm_*, gclid). */
  collected_traffic_source?: {
    manual_campaign_id?: string | null;
    manual_campaign_name?: string | null;
    manual_source?: string | null;
    manual_medium?: string | null;
    manual_term?: string | null;
    manual_content?: string | null;
    gclid?: string | null;
    dclid?: string | null;
    srsltid?: string | null;
  } | null;
  stream_id?: string | null;
  platform?: string | null;
  ecommerce?: {
    transaction_id?: string | null;
    purchase_revenue?: number | null;
    purchase_revenue_in_usd?: number | null;
    refund_value?: number | null;
    refund_value_in_usd?: number | null;
    shipping_value?: number | null;
    tax_value?: number | null;
    total_item_quantity?: Ga4Integer | null;
    unique_items?: Ga4Integer | null;
  } | null;
  items?: Array<Record<string, unknown>> | null;
}

/** Event parameters the mapping reads (GA4's automatically collected web parameters). */
export const GA4_EVENT_PARAMS = {
  sessionId: 'ga_session_id',
  pageLocation: 'page_location',
  value: 'value',
  currency: 'currency',
} as const;

/** Daily export file names: events_YYYYMMDD, optionally sharded by the extract (events_YYYYMMDD-000000000000). */
export const GA4_EXPORT_FILE_NAME = /^events_(\d{8})(?:[-_]\d+)?\.(?:json|ndjson)(?:\.gz)?$/;

/** The file name the connector expects for one day's export, e.g. events_20240115.json.gz. */
export function ga4ExportFileName(eventDate: string): string {
  return `events_${eventDate}.json.gz`;
}
