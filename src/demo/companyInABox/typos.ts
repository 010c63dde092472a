import type { Draws } from './randomDraws.js';
import type { Country } from './vocabulary.js';

/**
 * The ways people and integrations mangle identifying fields: case, stray whitespace, swapped
 * letters, gmail dots, misspelt or alternative country names. Each system applies them at its
 * own rate, so the same person looks slightly different in every source.
 */

function transpose(text: string, draws: Draws): string {
  if (text.length < 3) return text;
  const i = draws.below(text.length - 1);
  return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
}

export function noisyEmail(email: string, draws: Draws, rate: number): string {
  if (!draws.chance(rate)) return email;
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  switch (draws.below(5)) {
    case 0:
      return email.charAt(0).toUpperCase() + email.slice(1, at) + '@' + domain.charAt(0).toUpperCase() + domain.slice(1);
    case 1:
      return draws.chance(0.5) ? ` ${email}` : `${email} `;
    case 2:
      return email.toUpperCase();
    case 3:
      if (domain === 'gmail.com') {
        // Same mailbox for gmail: dots moved, added or dropped.
        const plain = local.replaceAll('.', '');
        const cut = 1 + draws.below(Math.max(1, plain.length - 1));
        return draws.chance(0.5) ? `${plain}@${domain}` : `${plain.slice(0, cut)}.${plain.slice(cut)}@${domain}`;
      }
      return `${local}@${domain.toUpperCase()}`;
    default:
      return `${transpose(local, draws)}@${domain}`;
  }
}

export function noisyName(name: string, draws: Draws, rate: number): string {
  if (!draws.chance(rate)) return name;
  switch (draws.below(4)) {
    case 0:
      return name.toUpperCase();
    case 1:
      return name.toLowerCase();
    case 2:
      return `${name} `;
    default:
      return transpose(name, draws);
  }
}

export function noisyCountry(country: Country, draws: Draws, rate: number): string {
  if (!draws.chance(rate)) return country.name;
  return draws.chance(0.8) ? draws.pick(country.variants) : country.code;
}

export function phoneNumber(country: Country, personDraws: Draws, format: number): string {
  const digits = personDraws.digits(10);
  switch (format) {
    case 0:
      return `${country.phonePrefix} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
    case 1:
      return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
    default:
      return `${country.phonePrefix}${digits}`;
  }
}
