/**
 * The Adobe Analytics data feed columns segflow reads (Data column reference:
 * https://experienceleague.adobe.com/en/docs/analytics/export/analytics-data-feed/data-feed-contents/datafeeds-reference).
 * hit_data.tsv has no header: its columns, in order, are the one line of the delivery's
 * column_headers.tsv, so a feed may carry many more columns in any order. The company-in-a-box
 * generator imports these lists so the feeds it writes are the feeds this connector reads.
 */
export const ADOBE_FEED_COLUMNS = [
  'hitid_high', 'hitid_low', // together: the hit's unique id
  'date_time', // hit time in the report suite's time zone, YYYY-MM-DD HH:MM:SS
  'post_visid_high', 'post_visid_low', // together: the visitor, however Adobe identified it
  'visit_num', // visit number of that visitor
  'exclude_hit', // > 0: hit excluded from reporting (bots, IP filters, ...)
  'hit_source', // 5, 7, 8, 9: data sources uploads, not collected hits
  'post_page_event', // 0 page view, 100 custom link, 101 download, 102 exit link
  'post_pagename', 'post_page_url',
  'post_event_list', // comma-separated event ids (event.tsv names them; 1 = purchase)
  'post_product_list', // Category;Product;Quantity;Price;Events;eVars, comma-separated
  'post_campaign', // the tracking code
  'currency', // currency code sent with the hit; revenue is stored in the report suite's currency
  'post_evar1', // default customerIdColumn: the site's customer id when signed in
] as const;

export type AdobeFeedColumn = (typeof ADOBE_FEED_COLUMNS)[number];

/** Columns without which a hit cannot be identified, dated or filtered. */
export const ADOBE_REQUIRED_COLUMNS: readonly AdobeFeedColumn[] = [
  'hitid_high', 'hitid_low', 'date_time', 'post_visid_high', 'post_visid_low', 'visit_num', 'exclude_hit', 'hit_source',
];

/** hit_source values of data-source uploads, which Adobe's own metrics leave out. */
export const ADOBE_EXCLUDED_HIT_SOURCES: ReadonlySet<string> = new Set(['5', '7', '8', '9']);

/** post_event_list id of the purchase event (event.tsv: "1\tPurchase"). */
export const ADOBE_PURCHASE_EVENT_ID = '1';

/** Lookup files of a delivery that the connector reads. */
export const ADOBE_COLUMN_HEADERS_FILE = 'column_headers.tsv';
export const ADOBE_EVENT_LOOKUP_FILE = 'event.tsv';

/** One hit as landed in `record`: every column of column_headers.tsv → its unescaped text. */
export type AdobeHit = Record<string, string>;
