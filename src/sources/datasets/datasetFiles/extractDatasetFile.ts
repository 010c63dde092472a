import { basename } from 'node:path';
import type { ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow } from '../../connector.js';
import { UserFacingError } from '../../../userFacingError.js';
import type { DatasetFileAccess } from './datasetFileAccess.js';
import { fileFingerprint, sameFileContent } from './fileFingerprint.js';
import type { LineOutcome } from './lineOutcome.js';
import { linePosition, readFileLines } from './readFileLines.js';

/** One object of a dataset source: a file and how its lines map to the landing contract. */
export interface DatasetFile {
  /** The file to read (resolved, `.gz` or plain). */
  path: string;
  /** Files the landed rows depend on (the file and any lookup tables): their fingerprint is the watermark. */
  fingerprintOf: readonly string[];
  /** Decides whether line 1 is a header ('header') or data ('data'); throws UserFacingError for a wrong file. */
  readFirstLine(text: string): 'header' | 'data';
  /** Maps one data line; `position` is `file:line`, `line` the 1-based line number. */
  mapLine(text: string, position: string, line: number): LineOutcome;
}

/** Where a load of one file stopped: the last line of the last committed batch. */
interface FileCursor {
  file: string;
  line: number;
  fingerprint: string;
}

function readCursor(cursor: JsonValue | null, path: string, fingerprint: string, source: string): number {
  if (cursor === null) return 0;
  const saved = cursor as Partial<FileCursor>;
  if (typeof saved !== 'object' || Array.isArray(saved) || saved.file !== basename(path) || typeof saved.line !== 'number') {
    throw new UserFacingError(
      `${source}: the interrupted load was reading ${JSON.stringify(cursor)}, not ${basename(path)}`,
      'the source configuration changed during the run; start a new run',
    );
  }
  if (saved.fingerprint !== fingerprint) {
    throw new UserFacingError(
      `${source}: ${basename(path)} changed while it was being loaded (the interrupted load stopped at line ${saved.line})`,
      'start a new run so the new file is read from its first line',
    );
  }
  return saved.line;
}

/**
 * Reads a static dataset file into batches of `batchSize` lines. The cursor is {file, line}, so a
 * retried attempt skips what earlier batches committed. The watermark is the file's fingerprint:
 * an incremental run over an unchanged file reads nothing, a full refresh (watermark null) re-reads it.
 */
export async function* extractDatasetFile(
  file: DatasetFile,
  request: ExtractRequest,
  options: { batchSize: number; files: DatasetFileAccess; source: string },
): AsyncGenerator<ExtractedBatch> {
  const fingerprint = await fileFingerprint(file.fingerprintOf);
  if (request.cursor === null && sameFileContent(request.watermark, fingerprint)) return;
  const resumeAfter = readCursor(request.cursor, file.path, fingerprint, options.source);
  let rows: LandingRow[] = [];
  let rejects: LandingReject[] = [];
  let lastLine = resumeAfter;
  let yielded = false;
  const batch = (): ExtractedBatch => {
    const out = { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { file: basename(file.path), line: lastLine, fingerprint }, highWater: fingerprint };
    rows = [];
    rejects = [];
    yielded = true;
    return out;
  };
  for await (const { line, text } of readFileLines(file.path, options.files)) {
    if (request.signal.aborted) throw request.signal.reason;
    // The header is checked on every attempt, also when resuming past it.
    if (line === 1 && file.readFirstLine(text) === 'header') continue;
    if (line <= resumeAfter) continue;
    lastLine = line;
    const outcome = file.mapLine(text, linePosition(file.path, line), line);
    if ('row' in outcome) rows.push(outcome.row);
    else rejects.push(outcome.reject);
    if (rows.length + rejects.length >= options.batchSize) yield batch();
  }
  // A file with no data lines still reports its fingerprint once, so the next run can skip it.
  if (rows.length + rejects.length > 0 || !yielded) yield batch();
}
