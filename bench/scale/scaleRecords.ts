import { copyLine } from '../../src/db/copyText.js';
import { HISTORY_DAYS, pad, poisson, scaleCustomer, STREAM, streamOf, type ScaleCustomer, type ScaleShape } from './scaleCustomer.js';

const DAY_MS = 86_400_000;
const SKUS = 5000;

/** Where generation starts: the population, its seed and the day the history ends. */
export interface ScaleSpec {
  seed: number;
  customers: number;
  asOf: string;
  shape: ScaleShape;
  /** Run id the records land under (an extract that ran before the benchmarked run). */
  landingRunId: string;
}

/** The spec for a population; the landing run id follows from the seed. */
export function scaleSpec(customers: number, seed: number, asOf: string, shape: ScaleShape): ScaleSpec {
  return { seed, customers, asOf, shape, landingRunId: `00000000-0000-4000-8000-${String(seed).padStart(12, '0').slice(-12)}` };
}

/** One landing table filled by COPY: its column list and the lines for a range of customers. */
export interface ScaleTable {
  name: string;
  copySql: string;
  lines(spec: ScaleSpec, from: number, to: number): Generator<string>;
}

interface ScaleOrder {
  id: string;
  customerId: string | null;
  email: string;
  orderedAt: number | null;
  total: number;
  status: string;
}

const historyStart = (asOf: string) => Date.parse(`${asOf}T00:00:00Z`) - (HISTORY_DAYS - 1) * DAY_MS;
const iso = (ms: number) => new Date(ms).toISOString();
const money = (x: number) => Math.round(x * 100) / 100;

/**
 * A customer's orders: mostly paid, 2% refunded and 0.5% cancelled (both rejected by cleaning),
 * 4% of repeat orders as guest checkouts under the same email (identity resolution joins them),
 * 5% with the email in capitals, 0.1% without a time (rejected), and 3% followed by a partial
 * return (an order with a negative total) within 30 days.
 */
function customerOrders(customer: ScaleCustomer, start: number): ScaleOrder[] {
  const { random } = customer;
  const orders: ScaleOrder[] = [];
  customer.orderDays.forEach((day, j) => {
    const u = random.uniform();
    const guest = j > 0 && random.uniform() < 0.04;
    const at = start + day * DAY_MS + Math.floor((8 + random.uniform() * 14) * 3_600_000);
    const total = money(customer.spend * (random.gamma(4) / 4));
    orders.push({
      id: `${customer.id}-${pad(j + 1, 3)}`,
      customerId: guest ? null : customer.id,
      email: random.uniform() < 0.05 ? customer.email.toUpperCase() : customer.email,
      orderedAt: random.uniform() < 0.001 ? null : at,
      total,
      status: u < 0.02 ? 'refunded' : u < 0.025 ? 'cancelled' : 'paid',
    });
    if (random.uniform() < 0.03) {
      const returnDay = Math.min(HISTORY_DAYS - 1, day + 1 + Math.floor(random.uniform() * 30));
      orders.push({
        id: `${customer.id}-${pad(j + 1, 3)}R`,
        customerId: customer.id,
        email: customer.email,
        orderedAt: start + returnDay * DAY_MS + 43_200_000,
        total: -money(total * (0.3 + 0.7 * random.uniform())),
        status: 'returned',
      });
    }
  });
  return orders;
}

const LANDING = 'run_id, source, source_object, source_id';

export const ORDERS: ScaleTable = {
  name: 'raw.orders',
  copySql: `copy raw.orders (${LANDING}, customer_source_id, email, ordered_at, currency, total, status, country) from stdin`,
  *lines(spec, from, to) {
    const start = historyStart(spec.asOf);
    for (let i = from; i < to; i++) {
      const customer = scaleCustomer(spec.seed, i, spec.shape);
      for (const o of customerOrders(customer, start)) {
        yield copyLine([spec.landingRunId, 'shop', 'orders', o.id, o.customerId, o.email, o.orderedAt === null ? null : iso(o.orderedAt), 'GBP', o.total, o.status, customer.country]);
      }
    }
  },
};

/** Lines of each order (1 + Poisson(linesPerOrder − 1)); their values add up to the order's total. */
export const ORDER_LINES: ScaleTable = {
  name: 'raw.order_lines',
  copySql: `copy raw.order_lines (${LANDING}, order_source_id, customer_source_id, ordered_at, sku, quantity, unit_price, currency, country) from stdin`,
  *lines(spec, from, to) {
    const start = historyStart(spec.asOf);
    for (let i = from; i < to; i++) {
      const customer = scaleCustomer(spec.seed, i, spec.shape);
      const random = streamOf(spec.seed, STREAM.lines, i);
      for (const o of customerOrders(customer, start)) {
        const count = 1 + poisson(random, Math.max(spec.shape.linesPerOrder - 1, 0));
        const at = o.orderedAt === null ? null : iso(o.orderedAt);
        for (let k = 0; k < count; k++) {
          // Popular products sell more: the square of a uniform skews towards low SKU numbers.
          const u = random.uniform();
          const sku = `SKU${pad(Math.floor(SKUS * u * u), 4)}`;
          const quantity = (1 + Math.floor(random.uniform() * 3)) * Math.sign(o.total || 1);
          const unitPrice = money(Math.abs(o.total) / count / Math.abs(quantity));
          yield copyLine([spec.landingRunId, 'shop', 'order_lines', `${o.id}:${k + 1}`, o.id, o.customerId, at, sku, quantity, unitPrice, 'GBP', customer.country]);
        }
      }
    }
  },
};

/**
 * Web analytics events: sessions in the last 120 days (fewer for dormant customers), 1–4 events
 * each, signed in on 40% of sessions (user_id = customer number), from one of two browsers; plus
 * anonymous visitors (0.3 per customer) who never sign in.
 */
export const WEB_EVENTS: ScaleTable = {
  name: 'raw.web_events',
  copySql: `copy raw.web_events (${LANDING}, visitor_id, user_id, session_id, event_name, occurred_at, page_url, channel, revenue, currency) from stdin`,
  *lines(spec, from, to) {
    const asOfEnd = Date.parse(`${spec.asOf}T00:00:00Z`);
    const channels = ['organic', 'organic', 'direct', 'email', 'paid_search', 'social'];
    for (let i = from; i < to; i++) {
      const customer = scaleCustomer(spec.seed, i, spec.shape);
      const random = streamOf(spec.seed, STREAM.web, i);
      const active = customer.dormantDays < 120 ? 1.6 : 0.4;
      const visitors: Array<{ visitor: string; userId: string | null; sessions: number }> = [
        { visitor: `V${customer.id}`, userId: customer.id, sessions: poisson(random, spec.shape.sessionsPerCustomer * active) },
      ];
      if (random.uniform() < 0.3) visitors.push({ visitor: `A${pad(i + 1, 8)}`, userId: null, sessions: 1 + Math.floor(random.uniform() * 2) });
      for (const { visitor, userId, sessions } of visitors) {
        for (let s = 0; s < sessions; s++) {
          const browser = userId !== null && random.uniform() < 0.3 ? `${visitor}m` : visitor;
          const signedIn = userId !== null && random.uniform() < 0.4 ? userId : null;
          const at = asOfEnd - Math.floor(random.uniform() * 120) * DAY_MS + Math.floor(random.uniform() * DAY_MS);
          const channel = channels[Math.floor(random.uniform() * channels.length)]!;
          const events = 1 + Math.floor(random.uniform() * 4);
          for (let e = 0; e < events; e++) {
            const u = random.uniform();
            const name = e < events - 1 || u < 0.8 ? 'page_view' : u < 0.95 ? 'add_to_cart' : 'purchase';
            const revenue = name === 'purchase' ? money(customer.spend) : null;
            yield copyLine([
              spec.landingRunId, 'web', 'events', `${browser}-${s + 1}-${e + 1}`, browser, signedIn, `${browser}-${s + 1}`, name,
              iso(at + e * 40_000), `/p/SKU${pad(Math.floor(random.uniform() * 5000), 4)}`, channel, revenue, revenue === null ? null : 'GBP',
            ]);
          }
        }
      }
    }
  },
};

const leadId = (customer: ScaleCustomer) => `L${customer.id.slice(1)}`;

/** Newsletter subscribers as the marketing system's leads, linked to shop customers only by email. */
export const CONTACTS: ScaleTable = {
  name: 'raw.contacts',
  copySql: `copy raw.contacts (${LANDING}, email, first_name, country, lifecycle_stage, created_at_source) from stdin`,
  *lines(spec, from, to) {
    const start = historyStart(spec.asOf);
    for (let i = from; i < to; i++) {
      const customer = scaleCustomer(spec.seed, i, spec.shape);
      if (!customer.subscribed) continue;
      // One in ten typed with a capital and a trailing space: cleaning makes it the shop's address again.
      const email = i % 10 === 3 ? ` ${customer.email[0]!.toUpperCase()}${customer.email.slice(1)} ` : customer.email;
      yield copyLine([spec.landingRunId, 'marketing', 'leads', leadId(customer), email, customer.firstName, customer.country, 'subscriber', iso(start + customer.orderDays[0]! * DAY_MS)]);
    }
  },
};

/** Weekly newsletter activity of subscribers over the last 17 weeks: sends, opens, clicks, form fills, unsubscribes. */
export const MARKETING_EVENTS: ScaleTable = {
  name: 'raw.marketing_events',
  copySql: `copy raw.marketing_events (${LANDING}, contact_source_id, event_type, campaign, channel, occurred_at) from stdin`,
  *lines(spec, from, to) {
    const asOfEnd = Date.parse(`${spec.asOf}T00:00:00Z`);
    const weeks = 17;
    for (let i = from; i < to; i++) {
      const customer = scaleCustomer(spec.seed, i, spec.shape);
      if (!customer.subscribed) continue;
      const random = streamOf(spec.seed, STREAM.marketing, i);
      const contact = leadId(customer);
      const engaged = customer.dormantDays < 120 ? 0.45 : 0.12;
      for (let w = 0; w < weeks; w++) {
        if (random.uniform() >= spec.shape.sendsPerSubscriber / weeks) continue;
        const sent = asOfEnd - (w * 7 + 2) * DAY_MS + 9 * 3_600_000;
        const campaign = `newsletter-w${pad(w, 2)}`;
        const events: Array<[string, number]> = [['send', sent]];
        if (random.uniform() < engaged) {
          events.push(['open', sent + Math.floor(random.uniform() * 2 * DAY_MS)]);
          if (random.uniform() < 0.25) events.push(['click', sent + 2 * DAY_MS]);
          if (random.uniform() < 0.05) events.push(['form_fill', sent + 2 * DAY_MS + 60_000]);
        }
        if (random.uniform() < 0.004) events.push(['unsubscribe', sent + 3 * DAY_MS]);
        for (const [type, at] of events) yield copyLine([spec.landingRunId, 'marketing', 'activities', `${contact}-${campaign}-${type}`, contact, type, campaign, 'email', iso(Math.min(at, asOfEnd))]);
      }
    }
  },
};

export const SCALE_TABLES: readonly ScaleTable[] = [ORDERS, ORDER_LINES, WEB_EVENTS, CONTACTS, MARKETING_EVENTS];
