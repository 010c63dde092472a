/**
 * Values in PostgreSQL's binary COPY format, written straight into an output block: big-endian
 * lengths, numeric as base-10000 digit groups, timestamptz as microseconds since 2000-01-01 UTC.
 * Binary input skips PostgreSQL's CSV parser and its text-to-type casts, which cost it more than
 * half of its time per landed line.
 */

/** The file header: signature, flags, no header extension. */
export const BINARY_COPY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** The file trailer: a field count of -1. */
export const BINARY_COPY_TRAILER = Buffer.from([0xff, 0xff]);

const ZERO = 0x30;
const DASH = 0x2d;
const NUMERIC_NEGATIVE = 0x4000;
const MICROS_2000 = Date.UTC(2000, 0, 1) * 1000;
const TWO_32 = 4294967296;

export function writeInt16(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 8) & 0xff;
  out[at + 1] = value & 0xff;
}

export function writeInt32(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 24) & 0xff;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

/** A field's length word of -1: SQL null. */
export function writeNull(out: Uint8Array, at: number): void {
  out[at] = 0xff;
  out[at + 1] = 0xff;
  out[at + 2] = 0xff;
  out[at + 3] = 0xff;
}

/** A text value as a field (length word and bytes), for values the same on every line. */
export function textField(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const field = Buffer.alloc(4 + bytes.length);
  writeInt32(field, 0, bytes.length);
  bytes.copy(field, 4);
  return field;
}

/** A uuid as a field (length word and its 16 bytes). */
export function uuidField(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a uuid: ${JSON.stringify(uuid)}`);
  const field = Buffer.alloc(20);
  writeInt32(field, 0, 16);
  Buffer.from(hex, 'hex').copy(field, 4);
  return field;
}

/**
 * The decimal text input[start, end) (already vetted: -?digits(.digits{0,4})) as a numeric field at
 * `at`; returns the offset after it. PostgreSQL strips leading and trailing zero groups and applies
 * the column's typmod, as it does to the text.
 */
export function writeNumeric(out: Uint8Array, at: number, input: Uint8Array, start: number, end: number): number {
  let i = start;
  let sign = 0;
  if (input[i] === DASH) {
    sign = NUMERIC_NEGATIVE;
    i++;
  }
  const intFrom = i;
  while (i < end && input[i]! >= ZERO && input[i]! <= ZERO + 9) i++;
  const intLength = i - intFrom;
  const fracFrom = i + 1;
  const fracLength = i < end ? end - fracFrom : 0;
  const intGroups = (intLength + 3) >> 2;
  const groups = intGroups + (fracLength > 0 ? 1 : 0);
  writeInt32(out, at, 8 + 2 * groups);
  writeInt16(out, at + 4, groups);
  writeInt16(out, at + 6, intGroups - 1);
  writeInt16(out, at + 8, sign);
  writeInt16(out, at + 10, fracLength);
  let o = at + 12;
  let p = intFrom;
  // The first group takes the digits left over by groups of four, counted from the point.
  let take = intLength - 4 * (intGroups - 1);
  for (let g = 0; g < intGroups; g++) {
    let n = 0;
    for (let k = 0; k < take; k++) n = n * 10 + (input[p++]! - ZERO);
    writeInt16(out, o, n);
    o += 2;
    take = 4;
  }
  if (fracLength > 0) {
    let n = 0;
    for (let k = 0; k < 4; k++) n = n * 10 + (k < fracLength ? input[fracFrom + k]! - ZERO : 0);
    writeInt16(out, o, n);
    o += 2;
  }
  return o;
}

/** Milliseconds since the epoch as a timestamptz field at `at`; returns the offset after it. */
export function writeTimestamp(out: Uint8Array, at: number, epochMs: number): number {
  const micros = epochMs * 1000 - MICROS_2000;
  const high = Math.floor(micros / TWO_32);
  writeInt32(out, at, 8);
  writeInt32(out, at + 4, high);
  writeInt32(out, at + 8, micros - high * TWO_32);
  return at + 12;
}
