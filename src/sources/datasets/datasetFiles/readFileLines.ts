import { basename } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { DatasetFileAccess } from './datasetFileAccess.js';

export interface FileLine {
  /** 1-based physical line number, header included. */
  line: number;
  /** The line without its line ending (LF or CRLF). */
  text: string;
}

/**
 * Streams a text file line by line, gunzipping `.gz` files; memory holds one chunk at a time.
 * A read or gunzip error ends the iteration with that error (the driver then retries and resumes).
 */
export async function* readFileLines(path: string, files: DatasetFileAccess): AsyncGenerator<FileLine> {
  const raw = files.open(path);
  // pipeline (not pipe) so an error of the file stream reaches the gunzip stream we iterate.
  const decoded: Readable = path.endsWith('.gz') ? pipeline(raw, createGunzip(), () => {}) : raw;
  decoded.setEncoding('utf8');
  let pending = '';
  let line = 0;
  const emit = (text: string): FileLine => {
    line += 1;
    const withoutCr = text.endsWith('\r') ? text.slice(0, -1) : text;
    return { line, text: line === 1 ? withoutCr.replace(/^\uFEFF/, '') : withoutCr };
  };
  try {
    for await (const chunk of decoded as AsyncIterable<string>) {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) yield emit(part);
    }
    if (pending !== '') yield emit(pending);
  } finally {
    raw.destroy();
    decoded.destroy();
  }
}

/** `file:line` as stored in raw.*.position and raw.rejects.position. */
export function linePosition(path: string, line: number): string {
  return `${basename(path)}:${line}`;
}
