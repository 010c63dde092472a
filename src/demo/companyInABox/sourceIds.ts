import type { Draws } from './randomDraws.js';

/**
 * Every system's own id for the same person or company. Ids are functions of the population
 * index, so any writer can name a record of another system (a converted lead's contact, a deal's
 * company) without lookups.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** An 18-character Salesforce id: key prefix, pod, base-62 number, case-safe checksum suffix. */
export function salesforceId(prefix: string, n: number): string {
  let body = '';
  let value = 3_000_000 + n * 7;
  for (let i = 0; i < 9; i++) {
    body = BASE62[value % 62] + body;
    value = Math.floor(value / 62);
  }
  const id15 = `${prefix}Dn0${body}`;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM[bits];
  }
  return id15 + suffix;
}

export const sfAccountId = (company: number) => salesforceId('001', company);
export const sfContactId = (person: number) => salesforceId('003', person);
/** duplicate 0: the person's main lead; 1: a second lead entered again later. */
export const sfLeadId = (person: number, duplicate: 0 | 1) => salesforceId('00Q', person * 2 + duplicate);
export const sfOpportunityId = (n: number) => salesforceId('006', n);

export const hubspotContactId = (person: number, duplicate: 0 | 1) => String(10_000_051 + person * 2 + duplicate);
export const hubspotCompanyId = (company: number) => String(9_120_000_007 + company * 3);
export const hubspotDealId = (n: number) => String(20_400_000_011 + n * 5);
export const marketoLeadId = (person: number) => 1_000_003 + person;
export const pardotProspectId = (person: number) => 40_000_017 + person;
/** second 1: a second customer account the person opened with the shop. */
export const customerNumber = (person: number, second: 0 | 1) => `C${2_000_000 + person * 2 + second}`;

/** GA4 user_pseudo_id of one browser: a random number and the first-visit time in seconds. */
export function ga4PseudoId(draws: Draws, firstSeenMs: number): string {
  return `${draws.digits(10)}.${Math.floor(firstSeenMs / 1000)}`;
}

/** Adobe visitor id halves (post_visid_high/low): unsigned 64-bit numbers in decimal. */
export function adobeVisitorHalves(draws: Draws): [string, string] {
  return [draws.digits(19), draws.digits(19)];
}
