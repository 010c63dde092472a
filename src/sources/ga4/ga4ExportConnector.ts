import { UserFacingError } from '../../userFacingError.js';
import { SourceEntry } from '../config/sourceEntry.js';
import type {
  ConnectorFactory, ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, SourceCheck, SourceConnector,
} from '../connector.js';
import { filesToLoad, listGa4ExportFiles, type Ga4ExportFile } from './ga4ExportFiles.js';
import { GA4_OBJECT, mapGa4Line } from './mapGa4Event.js';
import { readExportLines } from './readExportLines.js';

export const GA4_EXPORT_TYPE = 'ga4-export';

/** Where a retried extract resumes: after `line` of `file`, or after the whole file when complete. */
interface Ga4Cursor {
  file: string;
  line: number;
  complete: boolean;
}

function readCursor(cursor: JsonValue | null): Ga4Cursor | null {
  if (cursor === null) return null;
  if (typeof cursor === 'object' && !Array.isArray(cursor) && typeof cursor.file === 'string' && typeof cursor.line === 'number') {
    return { file: cursor.file, line: cursor.line, complete: cursor.complete === true };
  }
  throw new Error(`ga4-export: unexpected cursor ${JSON.stringify(cursor)}`);
}

function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * Google Analytics 4 BigQuery export files: a folder of daily events_YYYYMMDD NDJSON files (.json,
 * .ndjson, optionally .gz) landed as web_events. Files load in name order; the watermark is the
 * last fully loaded file, and the cursor ({file, line}) lets a retry resume mid-file.
 */
export class Ga4ExportConnector implements SourceConnector {
  readonly type = GA4_EXPORT_TYPE;
  private readonly label: string;

  constructor(
    readonly name: string,
    private readonly folder: string,
    private readonly settings: { batchSize: number; reloadDays: number },
  ) {
    this.label = `source "${name}" (${GA4_EXPORT_TYPE})`;
  }

  objects(): readonly string[] {
    return [GA4_OBJECT];
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    if (request.object !== GA4_OBJECT) throw new Error(`${this.label} has no object ${request.object}; it extracts ${GA4_OBJECT}`);
    const { files } = await listGa4ExportFiles(this.folder, this.label);
    if (files.length === 0 && request.watermark === null) {
      throw new UserFacingError(
        `${this.label}: no GA4 daily export files (events_YYYYMMDD.json[.gz]) in ${this.folder}`,
        'export the events_* tables as newline-delimited JSON into that folder, or point path at the folder that holds them',
      );
    }
    const cursor = readCursor(request.cursor);
    for (const file of filesToLoad(files, request.watermark, this.settings.reloadDays)) {
      if (cursor && (file.name < cursor.file || (file.name === cursor.file && cursor.complete))) continue;
      yield* this.extractFile(file, cursor?.file === file.name ? cursor.line : 0, request.signal);
    }
  }

  private async *extractFile(file: Ga4ExportFile, resumeAfterLine: number, signal: AbortSignal): AsyncIterable<ExtractedBatch> {
    let rows: LandingRow[] = [];
    let rejects: LandingReject[] = [];
    let lastLine = resumeAfterLine;
    for await (const { line, text } of readExportLines(file.path, file.name, this.label)) {
      lastLine = line;
      // A retry re-reads (gzip cannot seek) but does not re-land what was committed.
      if (line <= resumeAfterLine || text.trim() === '') continue;
      const mapped = mapGa4Line(text, file.name, line);
      if ('row' in mapped) rows.push(mapped.row);
      else rejects.push(mapped.reject);
      if (rows.length + rejects.length >= this.settings.batchSize) {
        signal.throwIfAborted();
        yield { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { file: file.name, line, complete: false }, highWater: null };
        rows = [];
        rejects = [];
      }
    }
    signal.throwIfAborted();
    // The file is done: its name becomes the high-water mark even when the last batch is empty.
    yield { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { file: file.name, line: lastLine, complete: true }, highWater: file.name };
  }

  async check(): Promise<SourceCheck[]> {
    const result = (ok: boolean, message: string): SourceCheck[] => [{ object: GA4_OBJECT, ok, message }];
    let listing;
    try {
      listing = await listGa4ExportFiles(this.folder, this.label);
    } catch (error) {
      if (error instanceof UserFacingError) return result(false, `${error.message} — ${error.fix}`);
      throw error;
    }
    const { files, ignored } = listing;
    const ignoredNote = ignored.length > 0 ? `; ${ignored.length} other file(s) ignored (e.g. ${ignored[0]})` : '';
    const first = files[0];
    const last = files.at(-1);
    if (!first || !last) return result(false, `no GA4 daily export files (events_YYYYMMDD.json[.gz]) in ${this.folder}${ignoredNote}`);
    let sample;
    try {
      sample = await this.firstLine(last);
    } catch (error) {
      if (error instanceof UserFacingError) return result(false, `${error.message} — ${error.fix}`);
      throw error;
    }
    if (sample !== null) {
      const mapped = mapGa4Line(sample.text, last.name, sample.line);
      if ('reject' in mapped) {
        return result(false, `line ${sample.line} of ${last.name} is not a usable GA4 export row (${mapped.reject.reasonCode}: ${mapped.reject.detail})`);
      }
    }
    const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
    return result(true, `${files.length} daily export file(s) for ${first.eventDate} … ${last.eventDate} (${describeBytes(bytes)}) in ${this.folder}${ignoredNote}`);
  }

  private async firstLine(file: Ga4ExportFile): Promise<{ line: number; text: string } | null> {
    for await (const line of readExportLines(file.path, file.name, this.label)) {
      if (line.text.trim() !== '') return line;
    }
    return null;
  }
}

export const ga4ExportConnectorFactory: ConnectorFactory = {
  type: GA4_EXPORT_TYPE,
  create(entry, environment) {
    const source = new SourceEntry(entry, environment);
    return new Ga4ExportConnector(source.name, source.path('path'), {
      batchSize: Math.trunc(source.number('batchSize', 5000, { min: 1, max: 100_000 })),
      reloadDays: Math.trunc(source.number('reloadDays', 1, { min: 0, max: 7 })),
    });
  },
};
