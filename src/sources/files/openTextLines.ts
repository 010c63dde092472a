import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { UserFacingError } from '../../userFacingError.js';
import { openMaybeGzipped } from '../openMaybeGzipped.js';
import type { SourceFile } from './sourceFiles.js';

/** The file's bytes, gunzipped when its name ends in .gz. */
export function openFileBytes(file: SourceFile): Readable {
  return openMaybeGzipped(file.path);
}

/** Turns stream failures a person must fix (missing file, corrupt gzip) into UserFacingErrors. */
export function describeFileError(sourceName: string, file: SourceFile, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserFacingError(`source "${sourceName}": file ${file.path} disappeared while reading`, 'keep files in place until the run finishes');
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
    return new UserFacingError(`source "${sourceName}": ${file.name} is not a valid gzip file (${(error as Error).message})`, 'replace it with an intact .gz, or give the uncompressed file');
  }
  return error;
}

/** The file's physical lines with 1-based line numbers, streamed (the file is never held in memory). */
export async function* readTextLines(sourceName: string, file: SourceFile): AsyncGenerator<{ line: number; text: string }> {
  const bytes = openFileBytes(file);
  const lines = createInterface({ input: bytes, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
    }
  } catch (error) {
    throw describeFileError(sourceName, file, error);
  } finally {
    lines.close();
    bytes.destroy();
  }
}
