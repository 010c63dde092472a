import { createHmac } from 'node:crypto';

/**
 * Keyed one-way pseudonyms for emails and phones (HMAC-SHA256, hex): equal values still join, but
 * without the key nobody can test a guessed address against core.* tables. The kind is part of
 * the message so an email and a phone never share a pseudonym.
 */
export function createPseudonymiser(key: string): (kind: 'email' | 'phone' | 'email_anagram', value: string) => string {
  return (kind, value) => createHmac('sha256', key).update(`${kind}\u0000${value}`).digest('hex');
}
