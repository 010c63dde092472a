import type { LandingReject, LandingRow } from '../connector.js';
import { ADOBE_EXCLUDED_HIT_SOURCES, ADOBE_PURCHASE_EVENT_ID, type AdobeHit } from './adobeFeedColumns.js';
import { feedTimeToUtc } from './feedLocalTime.js';
import { productListRevenue } from './productListRevenue.js';
import { splitHitFields, type HitRecord } from './readHitRecords.js';

export const ADOBE_OBJECT = 'hit_data';

/** What mapping a delivery's hits needs: its columns and events, and the source's settings. */
export interface HitMapping {
  columns: readonly string[];
  eventNames: ReadonlyMap<string, string>;
  customerIdColumn: string;
  channelColumn: string | null;
  timeZone: string;
  /** The report suite's base currency, which revenue in post_product_list is stored in. */
  currency: string | null;
}

export type HitResult = { row: LandingRow } | { reject: LandingReject };

const PAGE_EVENT_NAMES: Readonly<Record<string, string>> = { '0': 'page_view', '100': 'custom_link', '101': 'download_link', '102': 'exit_link' };

/**
 * The hit's event name: the first event of post_event_list that event.tsv names (Purchase, Cart
 * Add, Custom Event 1, ... as the report suite calls them), skipping the "Instance of eVarN" counters
 * that accompany almost every hit; otherwise what post_page_event says the hit was (page_view,
 * custom_link, download_link, exit_link); otherwise page_view when it has a page, else 'hit'.
 */
function eventName(hit: AdobeHit, eventIds: readonly string[], eventNames: ReadonlyMap<string, string>): string {
  for (const id of eventIds) {
    const name = eventNames.get(id);
    if (name && !name.startsWith('Instance of')) return name;
  }
  const pageEvent = PAGE_EVENT_NAMES[hit.post_page_event ?? ''];
  if (pageEvent) return pageEvent;
  return hit.post_page_url || hit.post_pagename ? 'page_view' : 'hit';
}

function wholeNumber(text: string | undefined): number | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return 0;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** Maps one hit of hit_data to a web_events row, or says why it is not landed. */
export function mapAdobeHit(record: HitRecord, file: string, mapping: HitMapping): HitResult {
  const position = `${file}:${record.line}`;
  const reject = (reasonCode: string, detail: string, original = record.text): HitResult => ({
    reject: { sourceObject: ADOBE_OBJECT, position, reasonCode, detail, original },
  });
  // PostgreSQL text cannot hold U+0000; keep the rest of the hit readable in the reject.
  if (record.text.includes('\u0000')) return reject('bad_value', 'contains a NUL character (shown as \\0)', record.text.replaceAll('\u0000', '\\0'));
  const fields = splitHitFields(record.text);
  if (fields.length !== mapping.columns.length) {
    return reject('malformed_line', `${fields.length} fields, but column_headers.tsv lists ${mapping.columns.length} columns`);
  }
  const hit: AdobeHit = {};
  mapping.columns.forEach((column, i) => {
    hit[column] = fields[i] ?? '';
  });

  const excludeHit = wholeNumber(hit.exclude_hit);
  const hitSource = wholeNumber(hit.hit_source);
  if (excludeHit === null || hitSource === null) return reject('bad_value', `exclude_hit ${JSON.stringify(hit.exclude_hit)} / hit_source ${JSON.stringify(hit.hit_source)} must be whole numbers`);
  // Adobe's own metrics leave these out: excluded hits (bots, IP filters) and data-source uploads.
  if (excludeHit > 0 || ADOBE_EXCLUDED_HIT_SOURCES.has(String(hitSource))) {
    return reject('excluded_hit', `exclude_hit=${excludeHit} hit_source=${hitSource}`);
  }
  if (!hit.hitid_high || !hit.hitid_low) return reject('missing_id', 'hitid_high or hitid_low is empty');
  if (!hit.post_visid_high || !hit.post_visid_low) return reject('missing_id', 'post_visid_high or post_visid_low is empty');
  const occurredAt = feedTimeToUtc(hit.date_time ?? '', mapping.timeZone);
  if (occurredAt === null) return reject('bad_timestamp', `date_time ${JSON.stringify(hit.date_time)} is not YYYY-MM-DD HH:MM:SS`);

  // post_event_list: "1,12,200=3" (an event may carry a value after =).
  const eventIds = (hit.post_event_list ?? '').split(',').map((e) => e.split('=')[0]?.trim() ?? '').filter((e) => e !== '');
  let revenue: number | null = null;
  if (eventIds.includes(ADOBE_PURCHASE_EVENT_ID)) {
    const purchase = productListRevenue(hit.post_product_list ?? '');
    if ('problem' in purchase) return reject('bad_number', `post_product_list: ${purchase.problem}`);
    revenue = purchase.revenue;
  }
  const visitor = `${hit.post_visid_high}_${hit.post_visid_low}`;
  return {
    row: {
      entity: 'web_events',
      sourceObject: ADOBE_OBJECT,
      sourceId: `${hit.hitid_high}_${hit.hitid_low}`,
      modifiedAt: null,
      position,
      record: hit,
      fields: {
        visitor_id: visitor,
        user_id: hit[mapping.customerIdColumn] || null,
        session_id: hit.visit_num ? `${visitor}.${hit.visit_num}` : null,
        event_name: eventName(hit, eventIds, mapping.eventNames),
        occurred_at: occurredAt,
        page_url: hit.post_page_url || null,
        channel: mapping.channelColumn === null ? null : hit[mapping.channelColumn] || null,
        campaign: hit.post_campaign || null,
        revenue,
        currency: revenue === null ? null : mapping.currency,
      },
    },
  };
}
