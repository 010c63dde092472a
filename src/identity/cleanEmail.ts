import type { CleaningCounts } from './cleaningCounts.js';

export interface CleanEmail {
  /** Lower-cased, trimmed; gmail local parts without dots or +tags (the same mailbox). */
  email: string;
  local: string;
  domain: string;
}

// Pragmatic syntax check: one @, a local part without spaces, a dotted domain of letters, digits and hyphens.
const EMAIL = /^[^\s@]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/** An email address ready to compare, or null (counted with its reason) when it is not one. */
export function cleanEmail(text: string | null | undefined, counts: CleaningCounts): CleanEmail | null {
  if (text === null || text === undefined || text.trim() === '') {
    counts.add('missing', 'email');
    return null;
  }
  const trimmed = text.trim();
  if (trimmed !== text) counts.add('trimmed', 'email');
  let email = trimmed.toLowerCase();
  if (email !== trimmed) counts.add('lowercased', 'email');
  if (!EMAIL.test(email)) {
    counts.add('malformed_dropped', 'email');
    return null;
  }
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  if (GMAIL.has(domain)) {
    // Gmail ignores dots and +tags: john.smith+news@ and johnsmith@ reach one mailbox.
    const mailbox = local.replace(/\+.*$/, '').replaceAll('.', '');
    if (mailbox !== local || domain !== 'gmail.com') counts.add('gmail_canonicalised', 'email');
    local = mailbox;
    domain = 'gmail.com';
    email = `${local}@${domain}`;
  }
  return { email, local, domain };
}
