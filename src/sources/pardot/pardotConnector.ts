import { UserFacingError } from '../../userFacingError.js';
import type { ConnectorFactory, ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, SourceCheck, SourceConnector, SourceEnvironment } from '../connector.js';
import { PardotClient } from './pardotClient.js';
import { prospectRow, PROSPECT_FIELDS, VISITOR_ACTIVITY_FIELDS, visitorActivityRow, type MappedRecord, type PardotRecord } from './pardotRows.js';
import { PARDOT_OBJECTS, readPardotSettings, type PardotObject, type PardotSettings } from './pardotSettings.js';

export interface PardotConnectorOptions {
  sleep?: (ms: number) => Promise<void>;
}

/** Where a retried extract resumes: the next page and the filter the paging started with. */
interface PardotCursor {
  nextPageUrl: string | null;
  nextPageToken: string | null;
  since: string | null;
  /** The last page was landed: a rerun has nothing left to read. */
  complete: boolean;
}

interface ObjectQuery {
  fields: readonly string[];
  orderBy: string;
  sinceFilter: string;
  map: (record: PardotRecord, position: string) => MappedRecord;
}

const CACHE_LAG_MS = 60_000;

const QUERIES: Record<PardotObject, ObjectQuery> = {
  prospects: { fields: PROSPECT_FIELDS, orderBy: 'updatedAt', sinceFilter: 'updatedAtAfterOrEqualTo', map: prospectRow },
  'visitor-activities': { fields: VISITOR_ACTIVITY_FIELDS, orderBy: 'createdAt', sinceFilter: 'createdAtAfterOrEqualTo', map: visitorActivityRow },
};

/** Account Engagement (Pardot) prospects and visitor activities through the v5 query API, page by page. */
export class PardotConnector implements SourceConnector {
  readonly type = 'pardot';
  readonly name: string;
  readonly client: PardotClient;

  constructor(private readonly settings: PardotSettings, options: PardotConnectorOptions = {}) {
    this.name = settings.name;
    this.client = new PardotClient(settings, options.sleep);
  }

  objects(): readonly string[] {
    return this.settings.objects;
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    const object = this.knownObject(request.object);
    const query = QUERIES[object];
    const cursor = readCursor(request.cursor);
    if (cursor?.complete) return;
    // v5 may answer from a cache up to 60 s behind: overlap the watermark so late arrivals are read (re-reads upsert).
    const since = cursor ? cursor.since : request.watermark === null ? null : new Date(Date.parse(request.watermark) - CACHE_LAG_MS).toISOString();
    const collection = `${this.settings.baseUrl}/api/v5/objects/${object}`;
    let url = cursor?.nextPageUrl ?? collection;
    let params: Record<string, string | number | undefined> | undefined = cursor?.nextPageUrl
      ? undefined
      : cursor?.nextPageToken
        ? { nextPageToken: cursor.nextPageToken }
        : { fields: query.fields.join(','), limit: this.settings.pageSize, orderBy: query.orderBy, [query.sinceFilter]: since ?? undefined };
    for (let pageNumber = 1; ; pageNumber += 1) {
      const page = await this.client.page(url, params, request.signal);
      const rows: LandingRow[] = [];
      const rejects: LandingReject[] = [];
      let highWater: string | null = null;
      page.values.forEach((record, index) => {
        const mapped = query.map(record, `page${pageNumber}:${index}`);
        if ('reject' in mapped) {
          rejects.push(mapped.reject);
          return;
        }
        rows.push(mapped.row);
        if (highWater === null || mapped.modifiedAt > highWater) highWater = mapped.modifiedAt;
      });
      const nextPageUrl = page.nextPageUrl || null;
      const nextPageToken = page.nextPageToken || null;
      const next: PardotCursor = { nextPageUrl, nextPageToken, since, complete: !nextPageUrl && !nextPageToken };
      yield { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { ...next }, highWater };
      if (next.complete) return;
      if (nextPageUrl) {
        url = nextPageUrl;
        params = undefined;
      } else {
        url = collection;
        params = { nextPageToken: nextPageToken ?? undefined };
      }
    }
  }

  async check(signal: AbortSignal): Promise<SourceCheck[]> {
    const checks: SourceCheck[] = [];
    for (const object of this.settings.objects) {
      try {
        await this.client.page(`${this.settings.baseUrl}/api/v5/objects/${object}`, { fields: 'id', limit: 1 }, signal);
        checks.push({ object, ok: true, message: `${object} readable with the configured token and business unit` });
      } catch (error) {
        checks.push({ object, ok: false, message: error instanceof UserFacingError ? error.toLine() : (error as Error).message });
      }
    }
    return checks;
  }

  private knownObject(object: string): PardotObject {
    if (!(PARDOT_OBJECTS as readonly string[]).includes(object)) {
      throw new UserFacingError(`source "${this.name}" (pardot): unknown object ${object}`, `use only: ${PARDOT_OBJECTS.join(', ')}`);
    }
    return object as PardotObject;
  }
}

function readCursor(cursor: JsonValue | null): PardotCursor | null {
  if (cursor === null || typeof cursor !== 'object' || Array.isArray(cursor)) return null;
  const str = (value: JsonValue | undefined) => (typeof value === 'string' && value !== '' ? value : null);
  return { nextPageUrl: str(cursor.nextPageUrl), nextPageToken: str(cursor.nextPageToken), since: str(cursor.since), complete: cursor.complete === true };
}

export function createPardotConnector(entry: Readonly<Record<string, unknown>>, environment: SourceEnvironment, options: PardotConnectorOptions = {}): PardotConnector {
  return new PardotConnector(readPardotSettings(entry, environment), options);
}

export const pardotConnectorFactory: ConnectorFactory = {
  type: 'pardot',
  create: (entry, environment) => createPardotConnector(entry, environment),
};
