import { closeSync, openSync, readFileSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS, type CompanyParameters } from './companyParameters.js';

/** Kinds of timeline records. */
export const TIMELINE = {
  session: 1,
  order: 2,
  marketo: 3,
  pardot: 4,
  support: 5,
} as const;

export const RECORD_BYTES = 32;
const BUFFER_RECORDS = 8192;
const INDEX_SPAN = 2 ** 31;

/** One dated record; the meaning of seq and a…d depends on the kind (see personTimeline). */
export interface TimelineRecord {
  timeMs: number;
  person: number;
  kind: number;
  flags: number;
  seq: number;
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface MonthOfRecords {
  /** First moment of the month (or the window start), UTC ms. */
  startMs: number;
  count: number;
  /** Reads the i-th record in time order into `into`. */
  read(i: number, into: TimelineRecord): void;
}

/**
 * Everything dated (sessions, orders, email and support activity) is generated person by person
 * but must be written in time order, one file per day for GA4 and Adobe. Records go to one
 * fixed-size binary spool file per calendar month; each month is then read back, sorted, written
 * out and deleted, so memory holds one month of 32-byte records, never the whole history.
 */
export class TimelineSpool {
  private readonly monthOfDay: Uint16Array;
  readonly monthStarts: number[] = [];
  private readonly files: string[] = [];
  private readonly fds: number[] = [];
  private readonly buffers: Buffer[] = [];
  private readonly fill: number[] = [];
  private readonly counts: number[] = [];

  constructor(private readonly parameters: CompanyParameters, private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.monthOfDay = new Uint16Array(parameters.days);
    let previous = '';
    for (let day = 0; day < parameters.days; day++) {
      const dayMs = parameters.startMs + day * DAY_MS;
      const month = new Date(dayMs).toISOString().slice(0, 7);
      if (month !== previous) {
        previous = month;
        this.monthStarts.push(dayMs);
        const file = join(dir, `month-${month}.bin`);
        this.files.push(file);
        this.fds.push(openSync(file, 'w'));
        this.buffers.push(Buffer.alloc(BUFFER_RECORDS * RECORD_BYTES));
        this.fill.push(0);
        this.counts.push(0);
      }
      this.monthOfDay[day] = this.monthStarts.length - 1;
    }
  }

  get records(): number {
    return this.counts.reduce((sum, n) => sum + n, 0);
  }

  add(timeMs: number, person: number, kind: number, flags: number, seq: number, a: number, b: number, c: number, d: number): void {
    const day = Math.floor((timeMs - this.parameters.startMs) / DAY_MS);
    if (day < 0 || day >= this.parameters.days) throw new Error(`timeline record outside the window: ${new Date(timeMs).toISOString()}`);
    const month = this.monthOfDay[day]!;
    const buffer = this.buffers[month]!;
    const offset = this.fill[month]!;
    buffer.writeDoubleLE(timeMs, offset);
    buffer.writeUInt32LE(person, offset + 8);
    buffer.writeUInt8(kind, offset + 12);
    buffer.writeUInt8(flags, offset + 13);
    buffer.writeUInt16LE(seq, offset + 14);
    buffer.writeUInt32LE(a >>> 0, offset + 16);
    buffer.writeUInt32LE(b >>> 0, offset + 20);
    buffer.writeUInt32LE(c >>> 0, offset + 24);
    buffer.writeUInt32LE(d >>> 0, offset + 28);
    this.fill[month] = offset + RECORD_BYTES;
    this.counts[month]! += 1;
    if (offset + RECORD_BYTES === buffer.length) this.flushMonth(month);
  }

  private flushMonth(month: number): void {
    const used = this.fill[month]!;
    if (used > 0) writeSync(this.fds[month]!, this.buffers[month]!, 0, used);
    this.fill[month] = 0;
  }

  /** Closes the spool files; call once every record was added. */
  finish(): void {
    for (let m = 0; m < this.fds.length; m++) {
      this.flushMonth(m);
      closeSync(this.fds[m]!);
    }
  }

  /** The months in order, each sorted by time (ties keep generation order), deleted once read. */
  *months(): Generator<MonthOfRecords> {
    for (let m = 0; m < this.files.length; m++) {
      const file = this.files[m]!;
      const bytes = readFileSync(file);
      rmSync(file);
      const count = bytes.length / RECORD_BYTES;
      const startMs = this.monthStarts[m]!;
      // Key = whole seconds into the month · 2^31 + record index: below 2^53, so one native sort.
      const keys = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        const seconds = Math.floor((bytes.readDoubleLE(i * RECORD_BYTES) - startMs) / 1000);
        keys[i] = seconds * INDEX_SPAN + i;
      }
      keys.sort();
      yield {
        startMs,
        count,
        read(i: number, into: TimelineRecord): void {
          const key = keys[i]!;
          const offset = (key - Math.floor(key / INDEX_SPAN) * INDEX_SPAN) * RECORD_BYTES;
          into.timeMs = bytes.readDoubleLE(offset);
          into.person = bytes.readUInt32LE(offset + 8);
          into.kind = bytes.readUInt8(offset + 12);
          into.flags = bytes.readUInt8(offset + 13);
          into.seq = bytes.readUInt16LE(offset + 14);
          into.a = bytes.readUInt32LE(offset + 16);
          into.b = bytes.readUInt32LE(offset + 20);
          into.c = bytes.readUInt32LE(offset + 24);
          into.d = bytes.readUInt32LE(offset + 28);
        },
      };
    }
  }

  /** Removes the spool folder (also after a failure). */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function emptyRecord(): TimelineRecord {
  return { timeMs: 0, person: 0, kind: 0, flags: 0, seq: 0, a: 0, b: 0, c: 0, d: 0 };
}
