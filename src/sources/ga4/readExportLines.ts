import { StringDecoder } from 'node:string_decoder';
import { UserFacingError } from '../../userFacingError.js';
import { openMaybeGzipped } from '../openMaybeGzipped.js';

export interface ExportLine {
  /** 1-based line number in the (decompressed) file. */
  line: number;
  text: string;
}

// A longer "line" means the file is not NDJSON; stop before it exhausts memory.
const MAX_LINE_CHARS = 64 * 1024 * 1024;

function describeReadError(error: unknown, name: string, sourceLabel: string): unknown {
  if (error instanceof UserFacingError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
    return new UserFacingError(
      `${sourceLabel}: ${name} is not a complete gzip file (${(error as Error).message})`,
      'copy the export file again (a partly copied file is the usual cause), or store it uncompressed as .json',
    );
  }
  if (code === 'ENOENT' || code === 'EACCES') {
    return new UserFacingError(`${sourceLabel}: cannot read ${name} (${code})`, 'check the file is still in the export folder and readable');
  }
  return error;
}

/**
 * Streams the lines of an NDJSON file (plain or .gz) with their numbers, reading only as fast as
 * the caller consumes (the stream's async iterator applies backpressure), so memory stays at one
 * chunk plus one line however large the file is.
 */
export async function* readExportLines(path: string, name: string, sourceLabel: string): AsyncGenerator<ExportLine> {
  const input = openMaybeGzipped(path);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let start = 0;
      for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
        line += 1;
        yield { line, text: pending.slice(start, end).replace(/\r$/, '') };
        start = end + 1;
      }
      pending = pending.slice(start);
      if (pending.length > MAX_LINE_CHARS) {
        throw new UserFacingError(
          `${sourceLabel}: line ${line + 1} of ${name} is longer than ${MAX_LINE_CHARS / 1024 / 1024} MB`,
          'export the table as newline-delimited JSON (one event per line)',
        );
      }
    }
    pending += decoder.end();
    if (pending !== '') yield { line: line + 1, text: pending.replace(/\r$/, '') };
  } catch (error) {
    throw describeReadError(error, name, sourceLabel);
  } finally {
    input.destroy();
  }
}
