import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { UserFacingError } from '../../userFacingError.js';

export interface FeedDelivery {
  /**
   * `<date>[T<time>]/<relative path>`: sorts deliveries by date even when Adobe prefixes file names
   * with a file number (01-rsid_2024-01-16 must come after 02-rsid_2024-01-15). Watermark once loaded.
   */
  key: string;
  /** Path relative to the feed folder, with / separators; positions are `<relative>:<line>`. */
  relative: string;
  path: string;
  date: string;
  bytes: number;
  /** Folders to look for column_headers.tsv and event.tsv in, nearest first. */
  lookupDirs: string[];
}

export interface FeedFolder {
  deliveries: FeedDelivery[];
  /** Other files (manifests, lookups, archives), left alone. */
  others: string[];
}

// <rsid>_YYYY-MM-DD.tsv.gz, multi-file packaging 01-<rsid>_YYYY-MM-DD.tsv.gz, hourly ..._YYYY-MM-DD-HHMMSS.tsv.gz
const DATED_HIT_FILE = /^(?:\d+-)?.+_(\d{4}-\d{2}-\d{2})(?:-(\d{2,6}))?\.tsv(?:\.gz)?$/;
const HIT_DATA_FILE = /^hit_data\.tsv(?:\.gz)?$/;
const DATED_FOLDER = /(\d{4}-\d{2}-\d{2})(?:-(\d{2,6}))?/;

function stamp(match: RegExpExecArray): { date: string; key: string } {
  const date = match[1] ?? '';
  return { date, key: match[2] ? `${date}T${match[2]}` : date };
}

/**
 * Finds hit data in a feed folder: dated hit files (<rsid>_YYYY-MM-DD.tsv[.gz]) directly in it, and
 * delivery folders (rsid_YYYY-MM-DD/) holding hit_data.tsv or dated hit files next to their own lookups.
 */
export async function listFeedDeliveries(folder: string, sourceLabel: string): Promise<FeedFolder> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UserFacingError(
      `${sourceLabel}: cannot read the data feed folder ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      'set path to the folder the Adobe data feed is delivered to (hit data .tsv.gz files plus column_headers.tsv and event.tsv), relative to the sources file',
    );
  }
  const deliveries: FeedDelivery[] = [];
  const others: string[] = [];
  const add = async (path: string, when: { date: string; key: string }, lookupDirs: string[]) => {
    const rel = relative(folder, path).split(sep).join('/');
    deliveries.push({ key: `${when.key}/${rel}`, relative: rel, path, date: when.date, bytes: (await stat(path)).size, lookupDirs });
  };
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const dated = DATED_HIT_FILE.exec(entry.name);
    if (entry.isFile() && dated) {
      await add(path, stamp(dated), [folder]);
    } else if (entry.isDirectory()) {
      const folderDate = DATED_FOLDER.exec(entry.name);
      for (const inner of await readdir(path, { withFileTypes: true })) {
        const innerDated = DATED_HIT_FILE.exec(inner.name);
        const when = innerDated ? stamp(innerDated) : HIT_DATA_FILE.test(inner.name) && folderDate ? stamp(folderDate) : null;
        if (inner.isFile() && when) await add(join(path, inner.name), when, [path, folder]);
        else others.push(`${entry.name}/${inner.name}`);
      }
    } else {
      others.push(entry.name);
    }
  }
  deliveries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { deliveries, others };
}
