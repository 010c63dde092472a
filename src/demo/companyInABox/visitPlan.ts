import type { OrderContent } from './orderLines.js';
import { Draws } from './randomDraws.js';
import { SEARCH_TERMS, SITE_HOST, SITE_PAGES } from './vocabulary.js';

export type StepKind = 'page' | 'product' | 'search' | 'login' | 'lead' | 'cart' | 'checkout' | 'purchase';

/** One thing the visitor did on the site; GA4 events and Adobe hits are both rendered from steps. */
export interface VisitStep {
  kind: StepKind;
  timeMs: number;
  url: string;
  title: string;
  sku: string | null;
}

function productStep(timeMs: number, sku: string, description: string): VisitStep {
  return { kind: 'product', timeMs, url: `${SITE_HOST}/products/${sku.toLowerCase()}`, title: `Product: ${description}`, sku };
}

/**
 * The pages of one visit, drawn from the session's own seed so both trackers see the same visit.
 * A checkout visit ends with the purchase at the order's time; a browsing visit starts at its time.
 */
export function planVisit(sessionSeed: number, atMs: number, loggedIn: boolean, b2b: boolean, order: OrderContent | null): VisitStep[] {
  const draws = new Draws(sessionSeed);
  const steps: Array<Omit<VisitStep, 'timeMs'>> = [];
  const page = (index: number): Omit<VisitStep, 'timeMs'> => {
    const [path, title] = SITE_PAGES[index]!;
    return { kind: 'page', url: SITE_HOST + path, title, sku: null };
  };
  steps.push(page(draws.below(SITE_PAGES.length - 2)));
  if (loggedIn && draws.chance(0.3)) steps.push({ kind: 'login', url: `${SITE_HOST}/account`, title: 'My account', sku: null });
  if (order) {
    for (const line of order.lines.slice(0, 2)) steps.push({ ...productStep(0, line.product.sku, line.product.description) });
    steps.push({ kind: 'cart', url: `${SITE_HOST}/cart`, title: 'Cart', sku: null });
    steps.push({ kind: 'checkout', url: `${SITE_HOST}/checkout`, title: 'Checkout', sku: null });
    steps.push({ kind: 'purchase', url: `${SITE_HOST}/checkout/thank-you`, title: 'Thank you', sku: null });
  } else {
    const more = draws.poisson(1.3);
    for (let i = 0; i < more; i++) {
      const roll = draws.uniform();
      if (roll < 0.4) {
        const sku = draws.pick(['DSK-1001', 'CHR-2002', 'MON-3003', 'KBD-4004', 'HDP-6007', 'DOC-7009', 'LMP-5006']);
        steps.push({ ...productStep(0, sku, sku) });
      } else if (roll < 0.5) {
        const term = draws.pick(SEARCH_TERMS);
        steps.push({ kind: 'search', url: `${SITE_HOST}/search?q=${encodeURIComponent(term)}`, title: `Search: ${term}`, sku: null });
      } else {
        steps.push(page(draws.below(SITE_PAGES.length)));
      }
    }
    if (b2b && draws.chance(0.05)) steps.push({ kind: 'lead', url: `${SITE_HOST}/contact`, title: 'Contact sales', sku: null });
  }
  const gaps = steps.map((_, i) => (i === 0 ? 0 : 5_000 + draws.below(85_000)));
  const total = gaps.reduce((sum, g) => sum + g, 0);
  let time = order ? atMs - total : atMs;
  return steps.map((step, i) => {
    time += gaps[i]!;
    return { ...step, timeMs: time };
  });
}
