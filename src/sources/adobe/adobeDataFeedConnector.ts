import { UserFacingError } from '../../userFacingError.js';
import { SourceEntry } from '../config/sourceEntry.js';
import type {
  ConnectorFactory, ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, SourceCheck, SourceConnector,
} from '../connector.js';
import { listFeedDeliveries, type FeedDelivery } from './adobeFeedFiles.js';
import { readFeedLookups, type FeedLookups } from './adobeLookups.js';
import { isKnownTimeZone } from '../zoneOffset.js';
import { ADOBE_OBJECT, mapAdobeHit, type HitMapping } from './mapAdobeHit.js';
import { readHitRecords, splitHitFields } from './readHitRecords.js';

export const ADOBE_DATA_FEED_TYPE = 'adobe-data-feed';

interface AdobeSettings {
  batchSize: number;
  customerIdColumn: string;
  channelColumn: string | null;
  timeZone: string;
  currency: string | null;
}

/** Where a retried extract resumes: after the hit starting on `line` of delivery `file` (its key), or after the whole file. */
interface FeedCursor {
  file: string;
  line: number;
  complete: boolean;
}

function readCursor(cursor: JsonValue | null): FeedCursor | null {
  if (cursor === null) return null;
  if (typeof cursor === 'object' && !Array.isArray(cursor) && typeof cursor.file === 'string' && typeof cursor.line === 'number') {
    return { file: cursor.file, line: cursor.line, complete: cursor.complete === true };
  }
  throw new Error(`adobe-data-feed: unexpected cursor ${JSON.stringify(cursor)}`);
}

function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * Adobe Analytics data feed deliveries in a folder: headerless, backslash-escaped hit data TSV
 * (plain or .gz) whose columns come from column_headers.tsv, landed as web_events. Hits Adobe's
 * own metrics leave out (exclude_hit > 0, data-source hit_source 5/7/8/9) become excluded_hit
 * rejects, so records read = landed + rejected still holds. Deliveries load in date order; the
 * watermark is the last fully loaded one (deliveries are immutable once their manifest arrives).
 */
export class AdobeDataFeedConnector implements SourceConnector {
  readonly type = ADOBE_DATA_FEED_TYPE;
  private readonly label: string;

  constructor(
    readonly name: string,
    private readonly folder: string,
    private readonly settings: AdobeSettings,
  ) {
    this.label = `source "${name}" (${ADOBE_DATA_FEED_TYPE})`;
  }

  objects(): readonly string[] {
    return [ADOBE_OBJECT];
  }

  private neededColumns(): string[] {
    return [this.settings.customerIdColumn, ...(this.settings.channelColumn ? [this.settings.channelColumn] : [])];
  }

  /** Lookups per delivery, read once per folder; throws before anything lands when one is missing. */
  private async lookupsFor(deliveries: readonly FeedDelivery[]): Promise<Map<string, FeedLookups>> {
    const byDirs = new Map<string, FeedLookups>();
    const byDelivery = new Map<string, FeedLookups>();
    for (const delivery of deliveries) {
      const dirsKey = delivery.lookupDirs.join('\u0000');
      let lookups = byDirs.get(dirsKey);
      if (!lookups) {
        lookups = await readFeedLookups(delivery.lookupDirs, delivery.relative, this.neededColumns(), this.label);
        byDirs.set(dirsKey, lookups);
      }
      byDelivery.set(delivery.key, lookups);
    }
    return byDelivery;
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    if (request.object !== ADOBE_OBJECT) throw new Error(`${this.label} has no object ${request.object}; it extracts ${ADOBE_OBJECT}`);
    const { deliveries } = await listFeedDeliveries(this.folder, this.label);
    if (deliveries.length === 0 && request.watermark === null) {
      throw new UserFacingError(
        `${this.label}: no hit data in ${this.folder} (expected <rsid>_YYYY-MM-DD.tsv.gz files or <rsid>_YYYY-MM-DD/hit_data.tsv folders)`,
        'point path at the folder the data feed is delivered to, with each delivery extracted there',
      );
    }
    const watermark = request.watermark;
    const pending = deliveries.filter((d) => watermark === null || d.key > watermark);
    const lookups = await this.lookupsFor(pending);
    const cursor = readCursor(request.cursor);
    for (const delivery of pending) {
      if (cursor && (delivery.key < cursor.file || (delivery.key === cursor.file && cursor.complete))) continue;
      const { columns, eventNames } = lookups.get(delivery.key) as FeedLookups;
      const mapping: HitMapping = { ...this.settings, columns, eventNames };
      yield* this.extractDelivery(delivery, mapping, cursor?.file === delivery.key ? cursor.line : 0, request.signal);
    }
  }

  private async *extractDelivery(delivery: FeedDelivery, mapping: HitMapping, resumeAfterLine: number, signal: AbortSignal): AsyncIterable<ExtractedBatch> {
    let rows: LandingRow[] = [];
    let rejects: LandingReject[] = [];
    let lastLine = resumeAfterLine;
    for await (const record of readHitRecords(delivery.path, delivery.relative, this.label)) {
      lastLine = record.line;
      // A retry re-reads (gzip cannot seek) but does not re-land what was committed.
      if (record.line <= resumeAfterLine || record.text === '') continue;
      const mapped = mapAdobeHit(record, delivery.relative, mapping);
      if ('row' in mapped) rows.push(mapped.row);
      else rejects.push(mapped.reject);
      if (rows.length + rejects.length >= this.settings.batchSize) {
        signal.throwIfAborted();
        yield { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { file: delivery.key, line: record.line, complete: false }, highWater: null };
        rows = [];
        rejects = [];
      }
    }
    signal.throwIfAborted();
    yield { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { file: delivery.key, line: lastLine, complete: true }, highWater: delivery.key };
  }

  async check(): Promise<SourceCheck[]> {
    const result = (ok: boolean, message: string): SourceCheck[] => [{ object: ADOBE_OBJECT, ok, message }];
    try {
      const { deliveries, others } = await listFeedDeliveries(this.folder, this.label);
      const first = deliveries[0];
      const last = deliveries.at(-1);
      if (!first || !last) return result(false, `no hit data in ${this.folder} (expected <rsid>_YYYY-MM-DD.tsv.gz files or <rsid>_YYYY-MM-DD/hit_data.tsv folders)`);
      const lookups = await this.lookupsFor(deliveries);
      const lastLookups = lookups.get(last.key) as FeedLookups;
      for await (const record of readHitRecords(last.path, last.relative, this.label)) {
        const fieldCount = splitHitFields(record.text).length;
        if (fieldCount !== lastLookups.columns.length) {
          return result(false, `the first hit of ${last.relative} has ${fieldCount} fields but ${lastLookups.columnHeadersPath} lists ${lastLookups.columns.length} columns: the lookup files belong to another feed`);
        }
        break;
      }
      const bytes = deliveries.reduce((sum, d) => sum + d.bytes, 0);
      const lookupNames = others.filter((o) => o.endsWith('.tsv')).map((o) => o.split('/').at(-1)).filter((o, i, all) => all.indexOf(o) === i);
      return result(true, [
        `${deliveries.length} hit data file(s) for ${first.date} … ${last.date} (${describeBytes(bytes)}) in ${this.folder}`,
        `${lastLookups.columns.length} columns, ${lastLookups.eventNames.size} events named`,
        `lookup files: ${lookupNames.join(', ')}`,
        `date_time read as ${this.settings.timeZone}`,
      ].join('; '));
    } catch (error) {
      if (error instanceof UserFacingError) return result(false, `${error.message} — ${error.fix}`);
      throw error;
    }
  }
}

export const adobeDataFeedConnectorFactory: ConnectorFactory = {
  type: ADOBE_DATA_FEED_TYPE,
  create(entry, environment) {
    const source = new SourceEntry(entry, environment);
    const timeZone = source.optionalString('timezone') ?? 'UTC';
    if (!isKnownTimeZone(timeZone)) {
      throw new UserFacingError(
        `source "${source.name}" (${ADOBE_DATA_FEED_TYPE}): timezone "${timeZone}" is not an IANA time zone`,
        "set timezone to the report suite's time zone as an IANA name, e.g. America/New_York (Admin > Report Suites > General Account Settings)",
      );
    }
    const currency = source.optionalString('currency')?.trim().toUpperCase() ?? null;
    if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
      throw new UserFacingError(
        `source "${source.name}" (${ADOBE_DATA_FEED_TYPE}): currency "${currency}" is not a three-letter currency code`,
        "set currency to the report suite's base currency, e.g. USD",
      );
    }
    return new AdobeDataFeedConnector(source.name, source.path('path'), {
      batchSize: Math.trunc(source.number('batchSize', 5000, { min: 1, max: 100_000 })),
      customerIdColumn: source.optionalString('customerIdColumn') ?? 'post_evar1',
      channelColumn: source.optionalString('channelColumn') ?? null,
      timeZone,
      currency,
    });
  },
};
