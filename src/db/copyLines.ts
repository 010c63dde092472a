import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Streams COPY text lines into `copySql` (a COPY ... FROM STDIN statement) on the given connection. */
export async function copyLines(connection: pg.ClientBase, copySql: string, lines: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(lines), connection.query(copyFrom(copySql)));
}
