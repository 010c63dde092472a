import type { OrderContent } from './orderLines.js';
import { adobeDateTime } from './timeFormats.js';
import { TRAFFIC_SOURCES, type Country } from './vocabulary.js';
import type { VisitStep } from './visitPlan.js';

/**
 * Adobe Analytics Data Feed delivery: hit_data rows (no header, tab-separated, values
 * backslash-escaped), column_headers.tsv naming the columns, and the event.tsv lookup that
 * post_event_list ids refer to.
 */
export const ADOBE_COLUMNS = [
  'hitid_high', 'hitid_low', 'post_visid_high', 'post_visid_low', 'visit_num', 'visit_page_num', 'visit_start_time_gmt', 'date_time',
  'exclude_hit', 'hit_source', 'post_pagename', 'post_page_url', 'post_event_list', 'post_campaign', 'post_evar1', 'post_product_list',
  'post_purchaseid', 'currency', 'geo_country', 'geo_city',
] as const;

/** event.tsv: the standard commerce events and two custom events (event1 login, event2 lead form). */
export const ADOBE_EVENTS: ReadonlyArray<readonly [number, string]> = [
  [1, 'Purchase'], [2, 'Product View'], [10, 'Cart Open'], [11, 'Cart Checkout'], [12, 'Cart Add'], [13, 'Cart Remove'], [14, 'Cart View'],
  [200, 'Custom Event 1'], [201, 'Custom Event 2'],
];

/** exclude_hit 4: the hit came from an excluded IP range. hit_source 5: a generic data source upload. */
export const EXCLUDED_BY_IP = 4;
export const DATA_SOURCE_UPLOAD = 5;

export interface AdobeVisit {
  visitorHigh: string;
  visitorLow: string;
  customerId: string | null;
  visitNumber: number;
  country: Country;
  city: string;
  traffic: number;
  order: { id: string; content: OrderContent } | null;
}

/** Backslash-escapes a value for a data feed column. */
export function adobeField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export interface HitIds {
  high: number;
  nextLow: number;
}

/** Rows of one visit; `excluded` and `dataSource` pick hits to flag (index of the hit in the visit, or -1). */
export function adobeVisitRows(visit: AdobeVisit, steps: readonly VisitStep[], ids: HitIds, excluded: number, dataSource: number): string[] {
  const rows: string[] = [];
  const source = TRAFFIC_SOURCES[visit.traffic]!;
  const trackingCode = source.medium === '(none)' || source.medium === 'organic' || source.medium === 'referral' ? '' : `${source.medium}:${source.name}`;
  const start = Math.floor(steps[0]!.timeMs / 1000);
  steps.forEach((step, i) => {
    let events = '';
    let products = '';
    let purchaseId = '';
    let currency = '';
    if (step.kind === 'product') {
      events = '2';
      products = `;${step.sku ?? ''}`;
    } else if (step.kind === 'cart') {
      events = '10,12';
      products = visit.order ? visit.order.content.lines.map((l) => `;${l.product.sku}`).join(',') : '';
    } else if (step.kind === 'checkout') {
      events = '11';
    } else if (step.kind === 'purchase' && visit.order) {
      events = '1';
      const { content, id } = visit.order;
      products = content.lines.map((l) => `;${l.product.sku};${l.quantity};${(l.quantity * l.unitPrice).toFixed(2)}`).join(',');
      purchaseId = id;
      currency = content.currency;
    } else if (step.kind === 'login') {
      events = '200';
    } else if (step.kind === 'lead') {
      events = '201';
    }
    const isExcluded = i === excluded;
    const fields = [
      String(ids.high), String(ids.nextLow++), visit.visitorHigh, visit.visitorLow, String(visit.visitNumber), String(i + 1), String(start),
      adobeDateTime(step.timeMs), isExcluded ? String(EXCLUDED_BY_IP) : '0', '1', adobeField(step.title), adobeField(step.url), events,
      i === 0 ? adobeField(trackingCode) : '', visit.customerId ?? '', products, purchaseId, currency, visit.country.code3, adobeField(visit.city),
    ];
    rows.push(fields.join('\t'));
    if (i === dataSource) {
      // A data source upload repeating the hit's conversion: counted by Adobe as hit_source 5, never a page view.
      const upload = [...fields];
      upload[1] = String(ids.nextLow++);
      upload[8] = '0';
      upload[9] = String(DATA_SOURCE_UPLOAD);
      rows.push(upload.join('\t'));
    }
  });
  return rows;
}
