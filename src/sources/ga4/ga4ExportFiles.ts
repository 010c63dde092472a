import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserFacingError } from '../../userFacingError.js';
import { GA4_EXPORT_FILE_NAME } from './ga4ExportRow.js';

export interface Ga4ExportFile {
  /** Base name, e.g. events_20240115.json.gz; also the watermark once the file is fully loaded. */
  name: string;
  path: string;
  /** YYYYMMDD from the name. */
  eventDate: string;
  bytes: number;
}

export interface Ga4ExportFolder {
  /** Daily export files in name order (zero-padded dates, so name order is date order). */
  files: Ga4ExportFile[];
  /** Other files in the folder (intraday tables, notes), left alone. */
  ignored: string[];
}

/** Lists the daily export files of a folder; a missing folder is the user's to fix. */
export async function listGa4ExportFiles(folder: string, sourceLabel: string): Promise<Ga4ExportFolder> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserFacingError(
      `${sourceLabel}: cannot read the export folder ${folder} (${code ?? (error as Error).message})`,
      "set path to the folder holding the GA4 BigQuery export files (events_YYYYMMDD.json.gz), relative to the sources file",
    );
  }
  const files: Ga4ExportFile[] = [];
  const ignored: string[] = [];
  for (const name of names.sort()) {
    const match = GA4_EXPORT_FILE_NAME.exec(name);
    const path = join(folder, name);
    const info = match ? await stat(path) : undefined;
    if (!match || !info?.isFile()) {
      ignored.push(name);
      continue;
    }
    files.push({ name, path, eventDate: match[1] ?? '', bytes: info.size });
  }
  return { files, ignored };
}

function shiftDate(yyyymmdd: string, days: number): string {
  const time = Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Files an extract reads. GA4 keeps rewriting a daily table for up to three days as late hits
 * arrive, so an incremental run reads again the last `reloadDays` days it already loaded (the
 * watermark's day and the days before it) besides every newer day; re-read events keep their
 * deterministic ids, so downstream keeps one version of each. reloadDays 0 reads only newer files.
 */
export function filesToLoad(files: readonly Ga4ExportFile[], watermark: string | null, reloadDays: number): Ga4ExportFile[] {
  if (watermark === null) return [...files];
  const watermarkDate = GA4_EXPORT_FILE_NAME.exec(watermark)?.[1];
  if (reloadDays === 0 || watermarkDate === undefined) return files.filter((f) => f.name > watermark);
  const firstDate = shiftDate(watermarkDate, 1 - reloadDays);
  return files.filter((f) => f.eventDate >= firstDate);
}
