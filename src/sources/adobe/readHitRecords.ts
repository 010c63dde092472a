import { StringDecoder } from 'node:string_decoder';
import { UserFacingError } from '../../userFacingError.js';
import { openMaybeGzipped } from '../openMaybeGzipped.js';

export interface HitRecord {
  /** 1-based physical line the hit starts on (an escaped newline inside a value spans two lines). */
  line: number;
  /** The hit exactly as in the file, escapes intact. */
  text: string;
}

// A longer record means the file is not a data feed; stop before it exhausts memory.
const MAX_RECORD_CHARS = 64 * 1024 * 1024;

/** Whether the character at `index` follows an odd run of backslashes (so it is escaped). */
function isEscaped(text: string, index: number, from: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= from && text[i] === '\\'; i -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

/**
 * Streams the hits of a hit data file (plain or .gz). A hit ends at a newline not escaped with a
 * backslash: Adobe writes a tab, newline or backslash sent in a value as `\` followed by it. The
 * stream's async iterator applies backpressure, so memory stays at one chunk plus one hit.
 */
export async function* readHitRecords(path: string, name: string, sourceLabel: string): AsyncGenerator<HitRecord> {
  const input = openMaybeGzipped(path);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let scanFrom = 0;
  let newlinesSeen = 0;
  let recordLine = 1;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let start = 0;
      for (let end = pending.indexOf('\n', scanFrom); end !== -1; end = pending.indexOf('\n', end + 1)) {
        newlinesSeen += 1;
        if (isEscaped(pending, end, start)) continue;
        yield { line: recordLine, text: pending.slice(start, end) };
        start = end + 1;
        recordLine = newlinesSeen + 1;
      }
      pending = pending.slice(start);
      scanFrom = pending.length;
      if (pending.length > MAX_RECORD_CHARS) {
        throw new UserFacingError(`${sourceLabel}: the hit on line ${recordLine} of ${name} is longer than 64 MB`, 'check that the file is a data feed hit_data.tsv (tab-separated, one hit per line)');
      }
    }
    pending += decoder.end();
    if (pending !== '') yield { line: recordLine, text: pending };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
      throw new UserFacingError(
        `${sourceLabel}: ${name} is not a complete gzip file (${(error as Error).message})`,
        'fetch the delivery again (a partly transferred file is the usual cause; the manifest .txt arrives last)',
      );
    }
    throw error;
  } finally {
    input.destroy();
  }
}

/** Splits a hit into its fields on unescaped tabs and undoes Adobe's backslash escapes. */
export function splitHitFields(text: string): string[] {
  if (!text.includes('\\')) return text.split('\t');
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      i += 1;
      // Escaped real tab/newline/backslash; also the two-character \t and \n some exports write.
      if (next === '\t' || next === 't') current += '\t';
      else if (next === '\n' || next === 'n') current += '\n';
      else if (next === '\\') current += '\\';
      else current += `\\${next}`;
    } else if (c === '\t') {
      fields.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  fields.push(current);
  return fields;
}
