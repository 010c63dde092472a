import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UserFacingError } from '../../../userFacingError.js';

/** How dataset files are opened; tests pass one whose stream fails part-way to exercise resuming. */
export interface DatasetFileAccess {
  open(path: string): Readable;
}

export const localFileAccess: DatasetFileAccess = {
  open: (path) => createReadStream(path),
};

/**
 * The path of `fileName` in `folder`: the gzipped copy (`<fileName>.gz`, as published in the data
 * folder) when present, else the plain file. A missing file is the person's to fix.
 */
export async function resolveDatasetFile(folder: string, fileName: string, source: string): Promise<string> {
  for (const candidate of [join(folder, `${fileName}.gz`), join(folder, fileName)]) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  throw new UserFacingError(
    `${source}: ${fileName}.gz (or ${fileName}) not found in ${folder}`,
    `set path to the folder holding ${fileName}.gz, or set SEGFLOW_DATA_DIR to the shared data folder`,
  );
}
