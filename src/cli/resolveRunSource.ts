import { resolve } from 'node:path';
import type { SegflowConfig } from '../config.js';
import { loadSourcesFile } from '../sources/config/loadSourcesFile.js';
import { assertReadableFile, defaultOnlineRetailFile } from '../sources/onlineRetailFile.js';

/** Value of segflow.runs.source for a run that extracts a sources file. */
export const SOURCES_FILE_RUN = 'sources-file';

export interface RunSourceOptions {
  source: string;
  file?: string;
  sources?: string;
}

/** What a run extracts: absolute paths, checked now so a typo fails here, not in a worker (or at 2 am, for a schedule). */
export interface RunSource {
  source: string;
  sourceFile?: string;
  sourcesFile?: string;
}

export async function resolveRunSource(config: SegflowConfig, options: RunSourceOptions): Promise<RunSource> {
  if (options.sources) {
    const sourcesFile = resolve(options.sources);
    await loadSourcesFile(sourcesFile, config.sourceEnv);
    return { source: SOURCES_FILE_RUN, sourcesFile };
  }
  const sourceFile = options.file ? resolve(options.file) : undefined;
  await assertReadableFile(sourceFile ?? defaultOnlineRetailFile(config.dataDir));
  return { source: options.source, ...(sourceFile ? { sourceFile } : {}) };
}
