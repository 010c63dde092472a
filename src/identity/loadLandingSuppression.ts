import type { Knex } from 'knex';
import { requirePiiKey } from '../config.js';
import type { JsonValue, LandingRow } from '../sources/connector.js';
import type { LandingSuppression } from '../sources/landing/landingSuppression.js';
import { cleanCountry } from './cleanCountry.js';
import { cleanEmail } from './cleanEmail.js';
import { cleanPhone } from './cleanPhone.js';
import { CleaningCounts } from './cleaningCounts.js';
import { createSuppressionHasher, recordIdentity, referenceIdentity, type SuppressedKind } from './suppressionHash.js';

// Mapped columns that name a person of the same source: a suppressed person's activities, tickets and orders stay out too.
const REFERENCE_FIELDS = ['contact_source_id', 'customer_source_id', 'lead_source_id', 'converted_contact_source_id'] as const;

/** The record's shape with every value replaced: enough to see what was refused, nothing of whom. */
export function redactRecord(value: JsonValue | null): JsonValue | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(redactRecord);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactRecord(v)]));
  return '[redacted]';
}

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * The suppression list as a LandingSuppression, or undefined when it is empty (extracts then
 * need no key). Held in memory as a set of hashes: one entry per suppressed value, a small list.
 */
export async function loadLandingSuppression(db: Knex, piiKey: string | undefined): Promise<LandingSuppression | undefined> {
  const first = await db('raw.suppressed_identities').first('identity_kind');
  if (!first) return undefined;
  const hash = createSuppressionHasher(requirePiiKey(piiKey));
  const listed = new Set<string>();
  const rows = await db('raw.suppressed_identities').select<Array<{ identity_kind: string; identity_hash: string }>>('identity_kind', 'identity_hash');
  for (const row of rows) listed.add(`${row.identity_kind}\u0000${row.identity_hash}`);
  const isListed = (kind: SuppressedKind, value: string) => listed.has(`${kind}\u0000${hash(kind, value)}`);
  // Cleaning counts belong to the identity stage; here they are only the cleaners' required sink.
  const counts = new CleaningCounts();

  const suppressedKind = (source: string, row: LandingRow): SuppressedKind | null => {
    if (isListed('record', recordIdentity(source, row.sourceObject, row.sourceId))) return 'record';
    const email = cleanEmail(text(row.fields.email), counts);
    if (email !== null && isListed('email', email.email)) return 'email';
    const rawPhone = text(row.fields.phone);
    if (rawPhone !== null) {
      const phone = cleanPhone(rawPhone, cleanCountry(text(row.fields.country), counts), counts);
      if (phone !== null && isListed('phone', phone)) return 'phone';
    }
    for (const field of REFERENCE_FIELDS) {
      const id = text(row.fields[field])?.trim();
      if (id && isListed('reference', referenceIdentity(source, id))) return 'reference';
    }
    return null;
  };

  return {
    rejectFor(source, row) {
      const kind = suppressedKind(source, row);
      if (kind === null) return null;
      return {
        sourceObject: row.sourceObject,
        position: row.position ?? row.sourceId,
        reasonCode: 'suppressed',
        detail: `the record matches a suppressed identity (${kind}); its values are redacted`,
        original: row.record === null ? '' : JSON.stringify(redactRecord(row.record)),
      };
    },
  };
}
