import type { CompanyParameters } from './companyParameters.js';
import { FIRST, LAST, canonicalEmail, type Population } from './population.js';
import { Draws, STREAM } from './randomDraws.js';
import { noisyCountry, noisyEmail, noisyName, phoneNumber } from './typos.js';
import { COUNTRIES, JOB_TITLES } from './vocabulary.js';

/** A system's copy of a person: how often its fields carry typos and a code for its own stream. */
export interface IdentitySystem {
  code: number;
  typoRate: number;
}

export const IDENTITY_SYSTEMS = {
  salesforce: { code: 1, typoRate: 0.06 },
  salesforceDuplicateLead: { code: 2, typoRate: 0.5 },
  hubspot: { code: 3, typoRate: 0.08 },
  hubspotDuplicate: { code: 4, typoRate: 0.5 },
  marketo: { code: 5, typoRate: 0.1 },
  pardot: { code: 6, typoRate: 0.08 },
  billing: { code: 7, typoRate: 0.03 },
  support: { code: 8, typoRate: 0.05 },
} as const satisfies Record<string, IdentitySystem>;

export interface PersonIdentity {
  email: string;
  firstName: string;
  lastName: string;
  country: string;
  /** Two-letter code, for systems that store codes. */
  countryCode: string;
  phone: string | null;
  title: string;
}

/** How `system` spells the person: the canonical values with that system's share of typos. */
export function identityIn(parameters: CompanyParameters, population: Population, person: number, system: IdentitySystem): PersonIdentity {
  const { people } = population;
  const draws = Draws.for(parameters.seed, STREAM.noise, person, system.code);
  const country = COUNTRIES[people.country[person]!]!;
  return {
    email: noisyEmail(canonicalEmail(population, person), draws, system.typoRate),
    firstName: noisyName(FIRST[people.first[person]!]!, draws, system.typoRate),
    lastName: noisyName(LAST[people.last[person]!]!, draws, system.typoRate),
    country: noisyCountry(country, draws, system.typoRate * 2),
    countryCode: country.code,
    // The number is the person's; whether a system has it, and how it is formatted, is the system's.
    phone: draws.chance(0.6) ? phoneNumber(country, Draws.for(parameters.seed, STREAM.noise, person, 99), draws.below(3)) : null,
    title: JOB_TITLES[people.title[person]!]!,
  };
}
