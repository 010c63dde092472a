import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { UserFacingError } from '../../userFacingError.js';

/**
 * Reads a generated NDJSON file (.gz allowed) of vendor records that a replay server will serve,
 * line by line. A missing file or a line that is not a JSON object fails with its file and line.
 */
export async function readJsonObjectLines<T>(file: string, what: string): Promise<T[]> {
  try {
    await access(file);
  } catch {
    throw new UserFacingError(`${what} file not found: ${file}`, 'generate the b2b-suite dataset first, or point the demo at the folder holding it');
  }
  const input = createReadStream(file);
  const lines = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  const records: T[] = [];
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new UserFacingError(`${file}:${number} is not a JSON object (${what})`, 'regenerate the demo dataset; each line must hold one record');
      }
      records.push(value as T);
    }
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`cannot read ${file}: ${(error as Error).message}`, 'check the demo data folder');
  } finally {
    lines.close();
    input.destroy();
  }
  return records;
}
