import { createHmac } from 'node:crypto';

/** What a raw.suppressed_identities row stands for (see the column comment in the privacy migration). */
export type SuppressedKind = 'email' | 'phone' | 'record' | 'reference';

/**
 * Keyed hashes for the suppression list. The message carries a "suppressed" prefix, so a hash on
 * the list never equals an identity pseudonym: the list cannot be joined back to core.* and keeps
 * nothing an erased person's data could be found by.
 */
export function createSuppressionHasher(key: string): (kind: SuppressedKind, value: string) => string {
  return (kind, value) => createHmac('sha256', key).update(`suppressed\u0000${kind}\u0000${value}`).digest('hex');
}

/** The value hashed for a landed record (source, object, id) and for a person other records point at (source, id). */
export const recordIdentity = (source: string, sourceObject: string, sourceId: string): string => `${source}\u0000${sourceObject}\u0000${sourceId}`;
export const referenceIdentity = (source: string, sourceId: string): string => `${source}\u0000${sourceId}`;
