import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import type { CleaningCounts } from './cleaningCounts.js';

/**
 * A phone number in E.164 (+4420...), read in the record's country when it has no +prefix, or
 * null (counted) when it cannot be a number there. Possible rather than valid: number plans change
 * faster than the metadata, and a wrong "invalid" would lose a real link.
 */
export function cleanPhone(text: string | null | undefined, country: string | null, counts: CleaningCounts): string | null {
  if (text === null || text === undefined || text.trim() === '') {
    counts.add('missing', 'phone');
    return null;
  }
  const trimmed = text.trim();
  if (!trimmed.startsWith('+') && !trimmed.startsWith('00') && country === null) {
    counts.add('no_country_dropped', 'phone');
    return null;
  }
  const parsed = parsePhoneNumberFromString(trimmed, (country ?? undefined) as CountryCode | undefined);
  if (!parsed || !parsed.isPossible()) {
    counts.add('impossible_dropped', 'phone');
    return null;
  }
  if (parsed.number !== trimmed) counts.add('e164_formatted', 'phone');
  return parsed.number;
}
