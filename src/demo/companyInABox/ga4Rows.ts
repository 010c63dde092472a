import type { Ga4ExportRow, Ga4Param } from '../../sources/ga4/ga4ExportRow.js';
import type { OrderContent } from './orderLines.js';
import { TRAFFIC_SOURCES, type Country, DEVICES } from './vocabulary.js';
import type { VisitStep } from './visitPlan.js';
import { compactDate } from './timeFormats.js';

/** Renders one visit as rows of the GA4 BigQuery export (events_YYYYMMDD), one JSON per line. */

export const GA4_STREAM_ID = '4178203654';

export interface Ga4Visit {
  pseudoId: string;
  firstTouchMs: number;
  /** The site's customer id when the visitor is signed in. */
  userId: string | null;
  sessionStartMs: number;
  sessionNumber: number;
  deviceIndex: number;
  acquisition: number;
  country: Country;
  city: string;
  order: { id: string; content: OrderContent } | null;
}

const micros = (ms: number, offset: number) => String(Math.round(ms) * 1000 + offset);

function stringParam(key: string, value: string): Ga4Param {
  return { key, value: { string_value: value } };
}

function intParam(key: string, value: number): Ga4Param {
  return { key, value: { int_value: String(value) } };
}

export function ga4VisitRows(visit: Ga4Visit, steps: readonly VisitStep[], bundle: number): string[] {
  const device = DEVICES[visit.deviceIndex % DEVICES.length]!;
  const acquisition = TRAFFIC_SOURCES[visit.acquisition]!;
  const sessionId = Math.floor(visit.sessionStartMs / 1000);
  const rows: string[] = [];
  let index = 0;
  const emit = (step: VisitStep, name: string, extra: Ga4Param[] = [], ecommerce: Ga4ExportRow['ecommerce'] = null, items: Ga4ExportRow['items'] = null) => {
    const row: Ga4ExportRow = {
      event_date: compactDate(step.timeMs),
      event_timestamp: micros(step.timeMs, index),
      event_name: name,
      event_params: [
        intParam('ga_session_id', sessionId),
        intParam('ga_session_number', visit.sessionNumber),
        stringParam('page_location', step.url),
        stringParam('page_title', step.title),
        ...extra,
      ],
      event_bundle_sequence_id: String(bundle),
      batch_event_index: String(index),
      ...(visit.userId ? { user_id: visit.userId } : {}),
      user_pseudo_id: visit.pseudoId,
      user_first_touch_timestamp: micros(visit.firstTouchMs, 0),
      device: { category: device.category, operating_system: device.operatingSystem, language: 'en-us', web_info: { browser: device.browser, hostname: 'www.deskandco.example' } },
      geo: { country: visit.country.name, city: visit.city },
      traffic_source: { name: acquisition.name, medium: acquisition.medium, source: acquisition.source },
      stream_id: GA4_STREAM_ID,
      platform: 'WEB',
      ...(ecommerce ? { ecommerce } : {}),
      ...(items ? { items } : {}),
    };
    index++;
    rows.push(JSON.stringify(row));
  };
  const first = steps[0]!;
  if (visit.sessionNumber === 1) emit(first, 'first_visit');
  emit(first, 'session_start');
  for (const step of steps) {
    switch (step.kind) {
      case 'login':
        emit(step, 'login', [stringParam('method', 'email')]);
        break;
      case 'lead':
        emit(step, 'page_view');
        emit(step, 'generate_lead');
        break;
      case 'product':
        emit(step, 'page_view');
        emit(step, 'view_item', [stringParam('item_id', step.sku ?? '')]);
        break;
      case 'cart':
        emit(step, 'add_to_cart');
        break;
      case 'checkout':
        emit(step, 'begin_checkout');
        break;
      case 'purchase': {
        const order = visit.order;
        if (!order) break;
        const { content } = order;
        emit(step, 'purchase', [
          stringParam('transaction_id', order.id),
          stringParam('currency', content.currency),
          { key: 'value', value: { double_value: content.total } },
        ], {
          transaction_id: order.id,
          purchase_revenue: content.total,
          purchase_revenue_in_usd: content.totalUsd,
          total_item_quantity: String(content.lines.reduce((n, l) => n + l.quantity, 0)),
          unique_items: String(new Set(content.lines.map((l) => l.product.sku)).size),
        }, content.lines.map((l) => ({ item_id: l.product.sku, item_name: l.product.description, price: l.unitPrice, quantity: l.quantity })));
        break;
      }
      default:
        emit(step, 'page_view');
    }
  }
  return rows;
}
