import { createRandom, type Random } from '../random.js';

/** How many of each record a customer gets on average; the bench's --*-per-customer options. */
export interface ScaleShape {
  ordersPerCustomer: number;
  linesPerOrder: number;
  /** Web sessions per customer in the last 120 days (each 1–4 events). */
  sessionsPerCustomer: number;
  /** Share of customers subscribed to the newsletter (a lead in the marketing system). */
  subscribedShare: number;
  /** Newsletter sends per subscriber in the last 120 days (plus their opens, clicks, ...). */
  sendsPerSubscriber: number;
}

export const DEFAULT_SHAPE: ScaleShape = { ordersPerCustomer: 10, linesPerOrder: 1, sessionsPerCustomer: 1.5, subscribedShare: 0.5, sendsPerSubscriber: 4 };

/** Days of order history up to and including the as-of date. */
export const HISTORY_DAYS = 3 * 365;
const COUNTRIES = ['GB', 'GB', 'GB', 'GB', 'GB', 'GB', 'DE', 'DE', 'FR', 'US'] as const;
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'outlook.com', 'icloud.com', 'btinternet.com', 'web.de'] as const;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const FIRST_NAMES = ['anna', 'ben', 'chloe', 'dev', 'emma', 'finn', 'grace', 'hugo'] as const;

/** Changes whenever the generated data changes, so a kept landed database of an older version is not reused. */
export const GENERATOR_VERSION = 3;

/** Independent streams per record kind, so orders come out the same whether or not lines are made. */
export const STREAM = { customer: 0, lines: 1, web: 2, marketing: 3 } as const;

/** One customer of the scale shop, drawn from its own seeded stream so customers can be made in any order. */
export interface ScaleCustomer {
  index: number;
  /** The shop's customer number. */
  id: string;
  firstName: string;
  email: string;
  country: string;
  /** Day numbers in the history (0 … HISTORY_DAYS − 1, the last is the as-of date), one per order, first order first. */
  orderDays: Int32Array;
  /** Mean order value. */
  spend: number;
  /** Days from the customer's last order to the as-of date. */
  dormantDays: number;
  subscribed: boolean;
  /** The customer's stream, positioned after the draws above; orders continue from it. */
  random: Random;
}

/** 32-bit mix of (seed, stream, index): a well-spread seed for each customer's stream of each kind. */
export function streamSeed(seed: number, stream: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(stream + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function streamOf(seed: number, stream: number, index: number): Random {
  return createRandom(streamSeed(seed, stream, index));
}

export function poisson(random: Random, mean: number): number {
  // Knuth's product method: means here stay small (a few dozen at most).
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random.uniform();
  while (product > limit) {
    k++;
    product *= random.uniform();
  }
  return k;
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** BG/NBD population parameters (weekly purchase rate ~ Gamma(r, α), dropout after a purchase ~ Beta(a, b)): about 10 orders a customer over the history, 11% buying once. */
const PURCHASES = { r: 1, alpha: 5, a: 0.4, b: 4 };

/**
 * A customer drawn from the BG/NBD process (Fader, Hardie & Lee 2005), the usual model of
 * non-contractual buying: first order on a uniform day of the history, then orders as a Poisson
 * process at the customer's own rate (scaled so the mean is the shape's ordersPerCustomer), and
 * after each order a chance to drop out for good; a mean order value log-normal around £30.
 */
export function scaleCustomer(seed: number, index: number, shape: ScaleShape): ScaleCustomer {
  const random = streamOf(seed, STREAM.customer, index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random.uniform() * items.length)]!;
  const first = random.uniform() * HISTORY_DAYS;
  const perDay = ((random.gamma(PURCHASES.r) / PURCHASES.alpha) * (shape.ordersPerCustomer / 10)) / 7;
  const dropout = random.beta(PURCHASES.a, PURCHASES.b);
  const days = [Math.floor(first)];
  for (let t = first; ; ) {
    t += random.exponential(perDay);
    if (t >= HISTORY_DAYS) break;
    days.push(Math.floor(t));
    if (random.uniform() < dropout) break;
  }
  const orderDays = Int32Array.from(days);
  const id = `C${pad(index + 1, 8)}`;
  const firstName = pick(FIRST_NAMES);
  // Random letters, not the customer number: numbers differing by two swapped digits would pass for typos of each other.
  let token = '';
  for (let c = 0; c < 8; c++) token += ALPHABET[Math.floor(random.uniform() * ALPHABET.length)];
  // Sum of three uniforms: a cheap bell shape for log spend.
  const bell = random.uniform() + random.uniform() + random.uniform() - 1.5;
  return {
    index,
    id,
    firstName,
    email: `${firstName}.${token}@${pick(MAIL_DOMAINS)}`,
    country: pick(COUNTRIES),
    orderDays,
    spend: Math.exp(3.4 + 1.2 * bell),
    dormantDays: HISTORY_DAYS - 1 - orderDays[orderDays.length - 1]!,
    subscribed: random.uniform() < shape.subscribedShare,
    random,
  };
}
