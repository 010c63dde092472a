import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserFacingError } from '../../userFacingError.js';

/** One file a file source reads; `name` is what positions, cursors and watermarks use. */
export interface SourceFile {
  name: string;
  path: string;
}

/** Where a file source reads from: one file, or the files of a folder whose names match a pattern. */
export interface FileLocation {
  path: string;
  /** `*.csv`, `orders_*.csv.gz`: one `*` at most, matched against file names (not sub-folders). */
  pattern: string | null;
  defaultPatterns: readonly string[];
}

function matches(name: string, pattern: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return name === pattern;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return name.length >= prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix);
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The files to read, in name order (so folders load oldest first when names carry a zero-padded
 * date). A missing path is a UserFacingError; an empty folder is not: nothing new has arrived.
 */
export function listSourceFiles(sourceName: string, location: FileLocation): SourceFile[] {
  let stats;
  try {
    stats = statSync(location.path);
  } catch {
    throw new UserFacingError(`source "${sourceName}": path ${location.path} does not exist`, 'fix path in the source entry (relative paths start at the sources file\'s folder)');
  }
  if (!stats.isDirectory()) return [{ name: basename(location.path), path: location.path }];
  const patterns = location.pattern === null ? location.defaultPatterns : [location.pattern];
  return readdirSync(location.path, { withFileTypes: true })
    .filter((entry) => entry.isFile() && patterns.some((p) => matches(entry.name, p)))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, path: join(location.path, name) }));
}
