import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

// One COPY message per line costs a socket write each; ~64 KB chunks made landing several times faster.
const CHUNK_CHARS = 64 * 1024;

function* chunked(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Streams COPY text lines into `copySql` (a COPY ... FROM STDIN statement) on the given connection. */
export async function copyLines(connection: pg.ClientBase, copySql: string, lines: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunked(lines)), connection.query(copyFrom(copySql)));
}
