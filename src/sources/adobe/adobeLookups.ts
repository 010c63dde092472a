import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserFacingError } from '../../userFacingError.js';
import { ADOBE_COLUMN_HEADERS_FILE, ADOBE_EVENT_LOOKUP_FILE, ADOBE_REQUIRED_COLUMNS } from './adobeFeedColumns.js';

export interface FeedLookups {
  /** Hit data columns in file order, from column_headers.tsv. */
  columns: string[];
  /** post_event_list id → event name, from event.tsv. */
  eventNames: Map<string, string>;
  columnHeadersPath: string;
}

// Lookup files are a few KB; anything larger is not a lookup file.
const MAX_LOOKUP_BYTES = 16 * 1024 * 1024;

async function findLookup(dirs: readonly string[], name: string): Promise<string | null> {
  for (const dir of dirs) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) return path;
  }
  return null;
}

async function readLookup(path: string, sourceLabel: string): Promise<string> {
  const { size } = await stat(path);
  if (size > MAX_LOOKUP_BYTES) {
    throw new UserFacingError(`${sourceLabel}: ${path} is ${size} bytes, too large for a data feed lookup file`, 'replace it with the column_headers.tsv / event.tsv from the delivery\'s lookup_data archive');
  }
  return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
}

async function missingLookup(dirs: readonly string[], name: string, hitFile: string, sourceLabel: string): Promise<UserFacingError> {
  const archives = (await Promise.all(dirs.map((dir) => readdir(dir).catch(() => [] as string[]))))
    .flat()
    .filter((file) => /lookup_data\.(tar\.gz|tgz|zip)$/.test(file));
  const fix = archives.length > 0
    ? `extract ${archives[0]} next to the hit data (it holds ${name}); hit data has no header row, so its columns and events come from the lookup files`
    : `deliver the feed with its lookup files and extract the <rsid>_<date>-lookup_data archive next to the hit data, so ${name} is in ${dirs.join(' or ')}`;
  return new UserFacingError(`${sourceLabel}: no ${name} for ${hitFile} (looked in ${dirs.join(', ')})`, fix);
}

/**
 * Reads the lookups a hit data file needs: column_headers.tsv (its columns) and event.tsv (event
 * names), nearest folder first. Missing files or columns are the user's to fix, before anything lands.
 */
export async function readFeedLookups(
  dirs: readonly string[],
  hitFile: string,
  neededColumns: readonly string[],
  sourceLabel: string,
): Promise<FeedLookups> {
  const columnHeadersPath = await findLookup(dirs, ADOBE_COLUMN_HEADERS_FILE);
  if (columnHeadersPath === null) throw await missingLookup(dirs, ADOBE_COLUMN_HEADERS_FILE, hitFile, sourceLabel);
  const eventPath = await findLookup(dirs, ADOBE_EVENT_LOOKUP_FILE);
  if (eventPath === null) throw await missingLookup(dirs, ADOBE_EVENT_LOOKUP_FILE, hitFile, sourceLabel);

  const headerLine = (await readLookup(columnHeadersPath, sourceLabel)).split(/\r{0,1}\n/)[0] ?? '';
  const columns = headerLine.split('\t').map((c) => c.trim());
  const missing = [...new Set([...ADOBE_REQUIRED_COLUMNS, ...neededColumns])].filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new UserFacingError(
      `${sourceLabel}: ${columnHeadersPath} has no column ${missing.join(', ')} (it lists ${columns.length} columns)`,
      `add ${missing.join(', ')} to the data feed's columns in Adobe Analytics (Admin > Data feeds), or set customerIdColumn to a column the feed has`,
    );
  }
  const eventNames = new Map<string, string>();
  for (const line of (await readLookup(eventPath, sourceLabel)).split(/\r{0,1}\n/)) {
    const [id, name] = line.split('\t');
    if (id && name) eventNames.set(id.trim(), name.trim());
  }
  return { columns, eventNames, columnHeadersPath };
}
