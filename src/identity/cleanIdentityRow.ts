import { cleanCountry } from './cleanCountry.js';
import { cleanEmail } from './cleanEmail.js';
import { cleanPhone } from './cleanPhone.js';
import type { CleaningCounts } from './cleaningCounts.js';
import { companyNameKey } from './companyNameKey.js';
import { isFreeMailDomain } from './freeMailDomains.js';
import type { LandedIdentityRow } from './landedIdentityRow.js';
import type { createPseudonymiser } from './pseudonymise.js';
import { websiteDomain } from './websiteDomain.js';

/** The values identity resolution compares, in the column order of core.identity_records (after run_id, member_no). */
export interface CleanIdentityValues {
  emailHash: string | null;
  emailDomain: string | null;
  emailIsFreeMail: boolean | null;
  emailAnagramHash: string | null;
  phoneHash: string | null;
  country: string | null;
  accountName: string | null;
  nameKey: string | null;
  companyKey: string | null;
  domain: string | null;
  accountRef: string | null;
  contactRef: string | null;
}

/**
 * Cleans one landed row: email, phone and country normalised (bad ones become null, counted),
 * email and phone replaced by keyed pseudonyms, company names and websites reduced to keys.
 */
export function cleanIdentityRow(row: LandedIdentityRow, pseudonym: ReturnType<typeof createPseudonymiser>, counts: CleaningCounts): CleanIdentityValues {
  const country = cleanCountry(row.country, counts);
  if (row.level === 'account') {
    const fromWebsite = websiteDomain(row.website);
    const domain = websiteDomain(row.domain) ?? fromWebsite;
    if (domain === null) counts.add(row.domain || row.website ? 'unparsable_dropped' : 'missing', 'domain');
    else if (row.domain !== domain) counts.add('website_to_domain', 'domain');
    const nameKey = companyNameKey(row.company);
    if (nameKey === null) counts.add('missing', 'company_name');
    else if (nameKey !== row.company) counts.add('normalised', 'company_name');
    return {
      emailHash: null, emailDomain: null, emailIsFreeMail: null, emailAnagramHash: null, phoneHash: null, country,
      accountName: row.company?.trim() || null, nameKey, companyKey: null, domain, accountRef: null, contactRef: null,
    };
  }
  const email = cleanEmail(row.email, counts);
  const phone = row.member_kind === 'customer' || row.member_kind === 'guest_order' ? null : cleanPhone(row.phone, country, counts);
  const companyKey = companyNameKey(row.company);
  if (row.company && companyKey === null) counts.add('placeholder_dropped', 'company_name');
  const free = email === null ? null : isFreeMailDomain(email.domain);
  return {
    emailHash: email === null ? null : pseudonym('email', email.email),
    emailDomain: email?.domain ?? null,
    emailIsFreeMail: free,
    emailAnagramHash: email === null ? null : pseudonym('email_anagram', `${[...email.local].sort().join('')}@${email.domain}`),
    phoneHash: phone === null ? null : pseudonym('phone', phone),
    country,
    accountName: null,
    nameKey: null,
    companyKey,
    domain: email !== null && !free ? email.domain : null,
    accountRef: row.account_ref,
    contactRef: row.contact_ref,
  };
}
