import type { ConnectorFactory, ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, SourceCheck, SourceConnector, SourceEnvironment } from '../connector.js';
import { UserFacingError } from '../../userFacingError.js';
import { BulkExportJobs, type ExportRequestBody } from './bulkExportJob.js';
import { exportCsvLines } from './exportCsvLines.js';
import { exportWindows, type ExportWindow } from './exportWindows.js';
import { MarketoRestClient } from './marketoRestClient.js';
import { ACTIVITY_COLUMNS, activityRow, LEAD_FIELDS, leadRow, type MappedLine } from './marketoRows.js';
import { defaultSince, MARKETO_OBJECTS, readMarketoSettings, type MarketoObject, type MarketoSettings } from './marketoSettings.js';

/** What tests (and the demo) may replace: waiting, the clock, and the batch size. */
export interface MarketoConnectorOptions {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Export file lines per landed batch. */
  batchLines?: number;
}

/**
 * Where a retried extract resumes: the window being exported, the export made for it and the
 * last file line landed. A window without an export means "start this window afresh".
 */
interface MarketoCursor {
  windowStart: string;
  windowEnd: string | null;
  exportId: string | null;
  line: number;
}

const DEFAULT_BATCH_LINES = 5000;

/** Marketo leads and activities through the bulk export API, one ≤31-day window at a time. */
export class MarketoConnector implements SourceConnector {
  readonly type = 'marketo';
  readonly name: string;
  readonly client: MarketoRestClient;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly batchLines: number;

  constructor(private readonly settings: MarketoSettings, options: MarketoConnectorOptions = {}) {
    this.name = settings.name;
    this.sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
    this.now = options.now ?? Date.now;
    this.batchLines = options.batchLines ?? DEFAULT_BATCH_LINES;
    this.client = new MarketoRestClient(settings, { sleep: this.sleep, now: this.now });
  }

  objects(): readonly string[] {
    return this.settings.objects;
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    const object = this.knownObject(request.object);
    const cursor = readCursor(request.cursor);
    const startMs = Date.parse(cursor?.windowStart ?? request.watermark ?? this.settings.since ?? new Date(defaultSince(this.now())).toISOString());
    const windows = exportWindows(startMs, this.now(), cursor?.windowEnd ? Date.parse(cursor.windowEnd) : undefined);
    const jobs = new BulkExportJobs(this.client, object, { source: this.name, pollIntervalMs: this.settings.pollIntervalMs, sleep: this.sleep });
    const mapLine = object === 'leads' ? leadRow : activityRow;
    const required = object === 'leads' ? LEAD_FIELDS : ACTIVITY_COLUMNS;

    for (const [index, window] of windows.entries()) {
      const resumable = index === 0 && cursor?.exportId ? cursor : null;
      const { exportId, reused } = await jobs.completedExport(this.exportBody(object, window), window, resumable?.exportId ?? null, request.signal);
      // A new export may order lines differently: only a reused file can skip what was landed.
      const landedThrough = reused && resumable ? resumable.line : 0;
      const file = await jobs.openFile(exportId, request.signal);
      let rows: LandingRow[] = [];
      let rejects: LandingReject[] = [];
      let lastLine = landedThrough;
      for await (const line of exportCsvLines(file, required, `source "${this.name}": ${object} export ${exportId}`)) {
        if (line.line <= landedThrough) continue;
        const mapped: MappedLine = mapLine(exportId, line);
        if ('row' in mapped) rows.push(mapped.row);
        else rejects.push(mapped.reject);
        lastLine = Math.max(lastLine, line.line);
        if (rows.length + rejects.length >= this.batchLines) {
          const cursorHere: MarketoCursor = { windowStart: window.startAt, windowEnd: window.endAt, exportId, line: lastLine };
          yield { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { ...cursorHere }, highWater: null };
          rows = [];
          rejects = [];
        }
      }
      // The window is done: its end is the new high-water mark, even when it held no records.
      const next: MarketoCursor = { windowStart: window.endAt, windowEnd: null, exportId: null, line: 0 };
      yield { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { ...next }, highWater: new Date(Date.parse(window.endAt)).toISOString() };
    }
  }

  async check(signal: AbortSignal): Promise<SourceCheck[]> {
    const checks: SourceCheck[] = [];
    for (const object of this.settings.objects) {
      try {
        const jobs = await this.client.call<unknown>('GET', `/bulk/v1/${object}/export.json`, undefined, signal);
        checks.push({ object, ok: true, message: `bulk ${object} export reachable (${jobs.length} recent export jobs)` });
      } catch (error) {
        const message = error instanceof UserFacingError ? error.toLine() : (error as Error).message;
        checks.push({ object, ok: false, message });
      }
    }
    return checks;
  }

  private exportBody(object: MarketoObject, window: ExportWindow): ExportRequestBody {
    const range = { startAt: window.startAt, endAt: window.endAt };
    if (object === 'leads') return { fields: [...LEAD_FIELDS], format: 'CSV', filter: { updatedAt: range } };
    return { format: 'CSV', filter: { createdAt: range, activityTypeIds: [...this.settings.activityTypeIds] } };
  }

  private knownObject(object: string): MarketoObject {
    if (!(MARKETO_OBJECTS as readonly string[]).includes(object)) {
      throw new UserFacingError(`source "${this.name}" (marketo): unknown object ${object}`, `use only: ${MARKETO_OBJECTS.join(', ')}`);
    }
    return object as MarketoObject;
  }
}

function readCursor(cursor: JsonValue | null): MarketoCursor | null {
  if (cursor === null || typeof cursor !== 'object' || Array.isArray(cursor)) return null;
  const { windowStart, windowEnd, exportId, line } = cursor;
  if (typeof windowStart !== 'string' || Number.isNaN(Date.parse(windowStart))) return null;
  return {
    windowStart,
    windowEnd: typeof windowEnd === 'string' ? windowEnd : null,
    exportId: typeof exportId === 'string' ? exportId : null,
    line: typeof line === 'number' ? line : 0,
  };
}

export function createMarketoConnector(entry: Readonly<Record<string, unknown>>, environment: SourceEnvironment, options: MarketoConnectorOptions = {}): MarketoConnector {
  return new MarketoConnector(readMarketoSettings(entry, environment), options);
}

export const marketoConnectorFactory: ConnectorFactory = {
  type: 'marketo',
  create: (entry, environment) => createMarketoConnector(entry, environment),
};
