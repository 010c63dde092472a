import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER, textField, uuidField, writeInt16, writeInt32, writeNull, writeNumeric, writeTimestamp } from './binaryCopyValues.js';
import type { BulkCsvLayout, BulkFieldKind } from './bulkCsvLayout.js';
import type { LineChunk } from './lineChunks.js';
import { ZonedWallClock } from './zonedWallClock.js';

const NEWLINE = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const SPACE = 0x20;
const COLON = 0x3a;

// Lines longer than this are left to the JavaScript path: it bounds the room a line needs in a block.
const MAX_LINE_BYTES = 32 * 1024;
const BLOCK_BYTES = 1024 * 1024;

const KIND_CODES: Record<BulkFieldKind, number> = { id: 0, text: 1, decimal: 2, localTime: 3, excelId: 4 };

/** What a chunk's COPY needs besides the file's own fields. */
export interface LandingCopyTarget {
  runId: string;
  source: string;
  object: string;
  fileName: string;
  layout: BulkCsvLayout;
}

function landingColumns(layout: BulkCsvLayout): string[] {
  return [...layout.fields.map((f) => f.column), ...Object.keys(layout.constants), 'run_id', 'source', 'source_object', 'source_id', 'position'];
}

/** The COPY statement the blocks of `landingCopyInput` are written for (binary: no CSV parsing or text casts in PostgreSQL). */
export function landingCopySql(layout: BulkCsvLayout): string {
  return `copy ${layout.table} (${landingColumns(layout).join(', ')}) from stdin (format binary)`;
}

/** Lines the COPY side did not vouch for, with their file line numbers, for the JavaScript path. */
export interface SetAsideLines {
  copied: number;
  setAside: Array<{ line: number; text: string }>;
}

const isDigit = (b: number) => b >= ZERO && b <= NINE;

function vetDecimal(input: Uint8Array, start: number, end: number): boolean {
  if (start === end) return true;
  let i = input[start] === DASH ? start + 1 : start;
  const digitsFrom = i;
  while (i < end && isDigit(input[i]!)) i++;
  const digits = i - digitsFrom;
  if (digits < 1 || digits > 14) return false;
  if (i === end) return true;
  if (input[i] !== DOT) return false;
  const fractionFrom = ++i;
  while (i < end && isDigit(input[i]!)) i++;
  return i === end && i - fractionFrom <= 4;
}

const TIME_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] as const;
const pair = (input: Uint8Array, at: number) => (input[at]! - ZERO) * 10 + (input[at + 1]! - ZERO);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** YYYY-MM-DD HH:MM:SS, a real day in 1900–2099: PostgreSQL and mapLine read it alike. */
function vetLocalTime(input: Uint8Array, start: number, end: number): boolean {
  if (start === end) return true;
  if (end - start !== 19) return false;
  for (let k = 0; k < TIME_DIGITS.length; k++) if (!isDigit(input[start + TIME_DIGITS[k]!]!)) return false;
  if (input[start + 4] !== DASH || input[start + 7] !== DASH || input[start + 10] !== SPACE || input[start + 13] !== COLON || input[start + 16] !== COLON) return false;
  const century = pair(input, start);
  const year = century * 100 + pair(input, start + 2);
  const month = pair(input, start + 5);
  const day = pair(input, start + 8);
  return (century === 19 || century === 20) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
    && pair(input, start + 11) <= 23 && pair(input, start + 14) <= 59 && pair(input, start + 17) <= 59;
}

function vetId(input: Uint8Array, start: number, end: number): boolean {
  if (start === end) return false;
  for (let i = start; i < end; i++) {
    const b = input[i]!;
    if (b <= SPACE || b >= 0x7f) return false;
  }
  return true;
}

/** What the encoder needs per chunk, computed once. */
interface Encoding {
  input: Uint8Array;
  kinds: Int8Array;
  sourceIdField: number;
  /** The field count word every tuple starts with. */
  tupleFields: number;
  /** The constants, run, source and object fields, encoded once. */
  constants: Uint8Array;
  /** The file name and ':' that start every position. */
  positionHead: Uint8Array;
  lineRoom: number;
  digits: Uint8Array;
  times: ZonedWallClock;
}

/** Where the encoder stands in the chunk and in its output block. */
interface Cursor {
  i: number;
  o: number;
  line: number;
}

/** A vetted YYYY-MM-DD HH:MM:SS at input[start] as a timestamptz field at `at`; -1 when the zone has no such time. */
function writeLocalTime(e: Encoding, out: Uint8Array, at: number, start: number): number {
  const input = e.input;
  const epochMs = e.times.epochMs(
    pair(input, start) * 100 + pair(input, start + 2), pair(input, start + 5), pair(input, start + 8),
    pair(input, start + 11), pair(input, start + 14), pair(input, start + 17),
  );
  return Number.isNaN(epochMs) ? -1 : writeTimestamp(out, at, epochMs);
}

/**
 * Encodes lines from `at.i` into `out` from `at.o` until the block has no room for another line or
 * the chunk ends; `at` is advanced. A plain function, not the generator itself: V8 optimises this
 * loop far better outside a generator body.
 */
function encodeLines(e: Encoding, out: Uint8Array, at: Cursor, lines: SetAsideLines): void {
  const { input, kinds, constants, positionHead, digits } = e;
  const fieldCount = kinds.length;
  const end = input.length;
  const room = out.length - e.lineRoom;
  let i = at.i;
  let o = at.o;
  let line = at.line;
  while (i < end && o <= room) {
    const lineStart = i;
    const outStart = o;
    const limit = Math.min(end, lineStart + MAX_LINE_BYTES);
    let good = true;
    let field = 0;
    let idStart = 0;
    let idEnd = 0;
    writeInt16(out, o, e.tupleFields);
    o += 2;
    // One field per pass: its length word, then its bytes (a quoted field unquoted); i stops on its
    // terminator (comma, line end) or where the line went wrong.
    for (;;) {
      const fieldStart = i;
      const lengthAt = o;
      o += 4;
      let quoted = false;
      if (i < end && input[i] === QUOTE) {
        quoted = true;
        i++;
        for (;;) {
          if (i >= limit) { good = false; break; }
          const b = input[i]!;
          if (b === QUOTE) {
            i++;
            if (i < end && input[i] === QUOTE) { out[o++] = QUOTE; i++; continue; }
            break;
          }
          if (b === NEWLINE || b === CR || b === 0) { good = false; break; }
          out[o++] = b;
          i++;
        }
        if (!good) break;
      } else {
        while (i < limit) {
          const b = input[i]!;
          if (b === COMMA || b === NEWLINE) break;
          if (b === QUOTE || b === 0) { good = false; break; }
          if (b === CR) {
            if (i + 1 === end || input[i + 1] === NEWLINE) break;
            good = false;
            break;
          }
          out[o++] = b;
          i++;
        }
        if (!good) break;
        if (i === limit && limit < end) { good = false; break; }
      }
      if (field >= fieldCount) { good = false; break; }
      const kind = kinds[field]!;
      if (kind !== 1 && quoted) { good = false; break; }
      if (kind === 0) {
        if (!vetId(input, fieldStart, i)) { good = false; break; }
        if (field === e.sourceIdField) { idStart = fieldStart; idEnd = i; }
      } else if (kind === 2) {
        if (!vetDecimal(input, fieldStart, i)) { good = false; break; }
        if (i > fieldStart) o = writeNumeric(out, lengthAt, input, fieldStart, i);
      } else if (kind === 3) {
        if (!vetLocalTime(input, fieldStart, i)) { good = false; break; }
        if (i > fieldStart) {
          o = writeLocalTime(e, out, lengthAt, fieldStart);
          if (o < 0) { good = false; break; }
        }
      } else if (kind === 4 && o - lengthAt >= 6 && out[o - 1] === ZERO && out[o - 2] === DOT) {
        o -= 2;
      }
      // An empty field (quoted or not) is null, as mapLine's empty-to-null makes it.
      if (o === lengthAt + 4) writeNull(out, lengthAt);
      else if (kind !== 2 && kind !== 3) writeInt32(out, lengthAt, o - lengthAt - 4);
      field++;
      if (i >= end) break;
      const terminator = input[i]!;
      if (terminator === COMMA) {
        i++;
        continue;
      }
      if (terminator === CR) {
        i++;
        if (i !== end && input[i] !== NEWLINE) good = false;
      } else if (terminator !== NEWLINE) {
        good = false;
      }
      break;
    }
    if (good && field !== fieldCount) good = false;
    if (good && idEnd === 0 && e.sourceIdField >= 0) good = false;
    if (!good) {
      const lineEnd = input.indexOf(NEWLINE, lineStart);
      const stop = lineEnd < 0 ? end : lineEnd;
      lines.setAside.push({ line, text: Buffer.from(input.buffer, input.byteOffset, input.length).toString('utf8', lineStart, stop > lineStart && input[stop - 1] === CR ? stop - 1 : stop) });
      o = outStart;
      i = stop + 1;
      line++;
      continue;
    }
    // i is on the line's \n (or past the end of a last line without one).
    i++;
    // Byte loops: a native copy per short piece costs more than the bytes.
    for (let k = 0; k < constants.length; k++) out[o++] = constants[k]!;
    let n = line;
    let d = 0;
    do { digits[d++] = ZERO + (n % 10); n = (n - (n % 10)) / 10; } while (n > 0);
    // source_id: the id field, ':' and the line number.
    writeInt32(out, o, idEnd - idStart + 1 + d);
    o += 4;
    for (let k = idStart; k < idEnd; k++) out[o++] = input[k]!;
    out[o++] = COLON;
    const digitsFrom = o;
    while (d > 0) out[o++] = digits[--d]!;
    const digitsTo = o;
    // position: the file name, ':' and the line number.
    writeInt32(out, o, positionHead.length + digitsTo - digitsFrom);
    o += 4;
    for (let k = 0; k < positionHead.length; k++) out[o++] = positionHead[k]!;
    for (let k = digitsFrom; k < digitsTo; k++) out[o++] = out[k]!;
    lines.copied++;
    line++;
  }
  at.i = i;
  at.o = o;
  at.line = line;
}

/**
 * The chunk's lines as binary COPY input for `landingCopySql`, in blocks of about 1 MB: each line's
 * fields as the file has them (a quoted field unquoted, an empty one null, a decimal as numeric, a
 * local time as timestamptz read in the layout's zone, an excelId without its '.0'), then the
 * layout's constants, run, source, object, source_id and position. A line whose fields are not
 * surely read the same as mapLine reads them (wrong field count, stray quote, NUL, bad number or
 * time, empty id) is left out and recorded in `lines.setAside`. One pass over the bytes, no strings
 * per line.
 */
export function* landingCopyInput(chunk: LineChunk, target: LandingCopyTarget, lines: SetAsideLines): Generator<Buffer> {
  const { layout } = target;
  const constants = Buffer.concat([
    ...Object.values(layout.constants).map(textField),
    uuidField(target.runId),
    textField(target.source),
    textField(target.object),
  ]);
  const positionHead = Buffer.from(`${target.fileName}:`, 'utf8');
  const encoding: Encoding = {
    input: chunk.bytes,
    kinds: Int8Array.from(layout.fields.map((f) => KIND_CODES[f.kind])),
    sourceIdField: layout.sourceIdField,
    tupleFields: landingColumns(layout).length,
    constants,
    positionHead,
    // A line's bytes, a length word and a numeric's growth per field, then the appended fields.
    lineRoom: 2 * MAX_LINE_BYTES + 32 * layout.fields.length + constants.length + positionHead.length + 64,
    digits: new Uint8Array(16),
    times: new ZonedWallClock(layout.timeZone),
  };
  const at: Cursor = { i: 0, o: 0, line: chunk.firstLine };
  yield BINARY_COPY_HEADER;
  while (at.i < chunk.bytes.length) {
    const out = Buffer.allocUnsafe(BLOCK_BYTES);
    at.o = 0;
    encodeLines(encoding, out, at, lines);
    if (at.o > 0) yield out.subarray(0, at.o);
  }
  yield BINARY_COPY_TRAILER;
}
