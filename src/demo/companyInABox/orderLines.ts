import type { CompanyParameters } from './companyParameters.js';
import { segmentProfile } from './plantedSegments.js';
import type { Population } from './population.js';
import { Draws, STREAM } from './randomDraws.js';
import { BUSINESS_PRODUCTS, CONSUMER_PRODUCTS, COUNTRIES, PRODUCTS, USD_RATES, type Product } from './vocabulary.js';

export interface OrderLine {
  product: Product;
  quantity: number;
  /** In the order's currency. */
  unitPrice: number;
}

export interface OrderContent {
  currency: string;
  lines: OrderLine[];
  total: number;
  totalUsd: number;
}

function roundMoney(value: number, currency: string): number {
  return currency === 'JPY' ? Math.round(value) : Math.round(value * 100) / 100;
}

/**
 * What one order contains. A pure function of (seed, person, ordinal), so the billing export,
 * the GA4 purchase event and the Adobe purchase hit of the same order agree without storing it.
 */
export function orderContent(parameters: CompanyParameters, population: Population, person: number, ordinal: number): OrderContent {
  const { people, companies } = population;
  const draws = Draws.for(parameters.seed, STREAM.order, person, ordinal);
  const profile = segmentProfile(people.segment[person]!);
  const company = people.company[person]!;
  const b2b = company >= 0;
  const country = COUNTRIES[b2b ? companies.country[company]! : people.country[person]!]!;
  const currency = country.currency;
  const rate = USD_RATES[currency] ?? 1;
  const targetUsd = draws.logNormal(profile.orderMedianUsd, profile.orderSigma);
  const lineCount = Math.min(5, 1 + draws.poisson(0.9));
  const lines: OrderLine[] = [];
  let total = 0;
  let totalUsd = 0;
  for (let i = 0; i < lineCount; i++) {
    const pool = draws.chance(b2b ? 0.7 : 0.15) ? BUSINESS_PRODUCTS : CONSUMER_PRODUCTS;
    const product = PRODUCTS[draws.pick(pool)]!;
    const quantity = Math.max(1, Math.min(200, Math.round(targetUsd / lineCount / product.priceUsd)));
    const discount = draws.pick([0, 0, 0, 0.1, 0.15]);
    const unitUsd = product.priceUsd * (1 - discount);
    const unitPrice = roundMoney(unitUsd * rate, currency);
    lines.push({ product, quantity, unitPrice });
    total += quantity * unitPrice;
    totalUsd += quantity * unitUsd;
  }
  return { currency, lines, total: roundMoney(total, currency), totalUsd: Math.round(totalUsd * 100) / 100 };
}
