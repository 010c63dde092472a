import { createRequire } from 'node:module';
import countries, { type LocaleData } from 'i18n-iso-countries';
import type { CleaningCounts } from './cleaningCounts.js';
import { editDistanceWithin } from './editDistance.js';

// Forms people type that no locale lists as a country name.
const ALIASES: Readonly<Record<string, string>> = {
  england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', 'great britain': 'GB', britain: 'GB', uk: 'GB',
  holland: 'NL', bharat: 'IN', nippon: 'JP', 'republique francaise': 'FR', america: 'US', 'united states of america': 'US',
  deutschland: 'DE', 'korea': 'KR', 'south korea': 'KR', russia: 'RU', 'czech republic': 'CZ', 'ivory coast': 'CI',
};
// Locales whose country names customers commonly type (Deutschland, España, Italia, Brasil ...).
const LOCALES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl'];

let names: Map<string, string> | undefined;

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[.'’]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

function countryNames(): Map<string, string> {
  if (names) return names;
  const require = createRequire(import.meta.url);
  const index = new Map<string, string>();
  for (const locale of LOCALES) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`) as LocaleData);
    for (const [alpha2, variants] of Object.entries(countries.getNames(locale, { select: 'all' }))) {
      for (const name of variants) if (!index.has(fold(name))) index.set(fold(name), alpha2);
    }
  }
  for (const [alias, alpha2] of Object.entries(ALIASES)) index.set(alias, alpha2);
  names = index;
  return index;
}

/** The closest known name within one typo (two for long names), when exactly one country is that close. */
function nearestName(folded: string, index: Map<string, string>): string | undefined {
  if (folded.length < 4) return undefined;
  const max = folded.length >= 9 ? 2 : 1;
  let best = max + 1;
  let found: string | undefined;
  let ambiguous = false;
  for (const [name, alpha2] of index) {
    const distance = editDistanceWithin(folded, name, max);
    if (distance < best) {
      best = distance;
      found = alpha2;
      ambiguous = false;
    } else if (distance === best && distance <= max && alpha2 !== found) {
      ambiguous = true;
    }
  }
  return ambiguous ? undefined : found;
}

/** ISO 3166 alpha-2 for a country code, name (several languages) or near-miss spelling; null (counted) when unknown. */
export function cleanCountry(text: string | null | undefined, counts: CleaningCounts): string | null {
  if (text === null || text === undefined || text.trim() === '') {
    counts.add('missing', 'country');
    return null;
  }
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase().replace(/\./g, '');
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) {
    if (upper !== trimmed) counts.add('code_uppercased', 'country');
    return upper === 'UK' ? 'GB' : upper;
  }
  const index = countryNames();
  if (/^[A-Z]{3}$/.test(upper) && countries.alpha3ToAlpha2(upper)) {
    counts.add('alpha3_mapped', 'country');
    return countries.alpha3ToAlpha2(upper)!;
  }
  const folded = fold(trimmed);
  const named = index.get(folded);
  if (named) {
    counts.add('name_mapped', 'country');
    return named;
  }
  const near = nearestName(folded, index);
  if (near) {
    counts.add('misspelling_mapped', 'country');
    return near;
  }
  counts.add('unknown_dropped', 'country');
  return null;
}
