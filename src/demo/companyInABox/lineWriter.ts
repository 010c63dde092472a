import { createWriteStream, mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

const FLUSH_AT = 1 << 16;

export interface WrittenFile {
  path: string;
  records: number;
  bytes: number;
}

/**
 * Appends text lines to a file (gzip when the name ends in .gz), in ~64 KB writes that wait for
 * the stream to drain, so memory stays flat however big the file gets. Hot loops call
 * `if (writer.push(line)) await writer.flush()`; a header line does not count as a record.
 */
export class LineWriter {
  records = 0;
  private buffer = '';
  private readonly sink: Writable;
  private readonly finished: Promise<void>;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    const file = createWriteStream(path);
    if (path.endsWith('.gz')) {
      const gzip = createGzip({ level: 6 });
      this.sink = gzip;
      this.finished = pipeline(gzip, file);
    } else {
      this.sink = file;
      this.finished = once(file, 'finish').then(() => undefined);
    }
    // Surface errors through close()/flush() rather than as an unhandled rejection.
    this.finished.catch(() => undefined);
  }

  header(line: string): void {
    this.buffer += line + '\n';
  }

  /** Adds one record line; true when the buffer is full and the caller should await flush(). */
  push(line: string): boolean {
    this.buffer += line + '\n';
    this.records++;
    return this.buffer.length >= FLUSH_AT;
  }

  async line(text: string): Promise<void> {
    if (this.push(text)) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.sink.write(chunk)) await Promise.race([once(this.sink, 'drain'), this.finished]);
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    this.sink.end();
    await this.finished;
    const { size } = await stat(this.path);
    return { path: this.path, records: this.records, bytes: size };
  }
}

/** One CSV field, quoted only when it has to be (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (/[",\r\n]/.test(text) || text.trim() !== text) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(csvField).join(',');
}
