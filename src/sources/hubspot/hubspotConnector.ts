import { UserFacingError } from '../../userFacingError.js';
import { SourceEntry } from '../config/sourceEntry.js';
import type {
  ConnectorFactory, ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, SourceCheck, SourceConnector, SourceEnvironment,
} from '../connector.js';
import { maxHighWater } from '../extractCheckpoints.js';
import { HttpClient } from '../http/httpClient.js';
import { HUBSPOT_OBJECT_SPECS, HUBSPOT_OBJECTS, isHubspotObjectName, type HubspotObjectName } from './hubspotObjects.js';
import { mapHubspotObject, type LinkedIds } from './mapHubspotObject.js';
import { readDealAssociations } from './readDealAssociations.js';

/** Seams for tests: HttpClient waits go through `sleep`. */
export interface HubspotConnectorOptions {
  sleep?: (ms: number) => Promise<void>;
}

interface HubspotSettings {
  name: string;
  baseUrl: string;
  objects: HubspotObjectName[];
  pageSize: number;
  http: HttpClient;
}

/**
 * Where an extract stands. `list` pages the objects endpoint (first run, full refresh: no 10,000
 * cap, associations included); `search` pages the search API from `since` (incremental runs).
 */
type HubspotCursor = {
  mode: 'list' | 'search';
  after: string | null;
  since: string | null;
  highWater: string | null;
  /** Pages read so far: locates objects without an id (`page N:index`). */
  page: number;
  done: boolean;
};

interface ObjectsPage {
  results: unknown[];
  nextAfter: string | null;
}

// The search API stops at 10,000 results per query.
const SEARCH_RESULT_CAP = 10_000;
// Search is limited to 4 requests per second per token (the other CRM endpoints allow more).
const MIN_REQUEST_INTERVAL_MS = 275;

/** HubSpot CRM v3: contacts, companies and deals, incremental through the search API on the last-modified date. */
export class HubspotConnector implements SourceConnector {
  readonly type = 'hubspot';
  readonly name: string;

  constructor(private readonly settings: HubspotSettings) {
    this.name = settings.name;
  }

  objects(): readonly string[] {
    return this.settings.objects;
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    const object = this.objectNamed(request.object);
    const resumed = readCursor(request.cursor, this.name);
    if (resumed?.done) return;
    const mode = resumed?.mode ?? (request.watermark === null ? 'list' : 'search');
    let since = resumed?.since ?? request.watermark;
    let after = resumed?.after ?? null;
    let highWater = resumed?.highWater ?? null;
    let page = resumed?.page ?? 0;
    for (;;) {
      const result = mode === 'search' && since !== null ? await this.searchPage(object, since, after, request.signal) : await this.listPage(object, after, request.signal);
      page += 1;
      const linked = mode === 'search' && object === 'deals' ? await this.dealLinks(result.results, request.signal) : undefined;
      const rows: LandingRow[] = [];
      const rejects: LandingReject[] = [];
      let batchHighWater: string | null = null;
      for (const [index, record] of result.results.entries()) {
        if (typeof record !== 'object' || record === null || Array.isArray(record)) {
          rejects.push({ sourceObject: object, position: `page ${page}:${index}`, reasonCode: 'malformed_record', detail: 'the object is not a JSON object', original: JSON.stringify(record) ?? '' });
          continue;
        }
        const json = record as { [key: string]: JsonValue };
        const mapped = mapHubspotObject(object, json, page, index, linked?.get(String(json.id)));
        if ('reject' in mapped) {
          rejects.push(mapped.reject);
          continue;
        }
        rows.push(mapped.row);
        batchHighWater = maxHighWater(batchHighWater, mapped.row.modifiedAt);
      }
      highWater = maxHighWater(highWater, batchHighWater);
      const restart = mode === 'search' && result.nextAfter !== null && Number(result.nextAfter) >= SEARCH_RESULT_CAP;
      if (restart) {
        // HubSpot's documented workaround: a new query from the last modification time seen (that instant is re-read and upserted).
        if (highWater === null || highWater === since) {
          throw new Error(`source "${this.name}": more than ${SEARCH_RESULT_CAP} ${object} share the modification time ${since}; the search API cannot page past them`);
        }
        since = highWater;
      }
      const nextAfter = restart ? null : result.nextAfter;
      const done = !restart && nextAfter === null;
      const cursor: HubspotCursor = { mode, after: nextAfter, since, highWater, page, done };
      yield { rows, rejects, recordsRead: result.results.length, cursor, highWater: batchHighWater };
      if (done) return;
      after = nextAfter;
    }
  }

  async check(signal: AbortSignal): Promise<SourceCheck[]> {
    const checks: SourceCheck[] = [];
    for (const object of this.settings.objects) {
      try {
        await this.settings.http.getJson<unknown>(`${this.settings.baseUrl}/crm/v3/objects/${object}`, { query: { limit: 1, archived: 'false' }, signal });
        checks.push({ object, ok: true, message: `listed ${object} on ${this.settings.baseUrl}` });
      } catch (error) {
        checks.push({ object, ok: false, message: error instanceof UserFacingError ? `${error.message} — ${error.fix}` : (error as Error).message });
      }
    }
    return checks;
  }

  private objectNamed(object: string): HubspotObjectName {
    if (!isHubspotObjectName(object) || !this.settings.objects.includes(object)) {
      throw new UserFacingError(`source "${this.name}" (hubspot): object ${object} is not configured`, `list it in objects (one of ${HUBSPOT_OBJECTS.join(', ')})`);
    }
    return object;
  }

  private async listPage(object: HubspotObjectName, after: string | null, signal: AbortSignal): Promise<ObjectsPage> {
    const spec = HUBSPOT_OBJECT_SPECS[object];
    const body = await this.settings.http.getJson<unknown>(`${this.settings.baseUrl}/crm/v3/objects/${object}`, {
      query: {
        limit: this.settings.pageSize, after: after ?? undefined, properties: spec.properties.join(','),
        associations: spec.associations.length > 0 ? spec.associations.join(',') : undefined, archived: 'false',
      },
      signal,
    });
    return this.readPage(body, object);
  }

  private async searchPage(object: HubspotObjectName, since: string, after: string | null, signal: AbortSignal): Promise<ObjectsPage> {
    const spec = HUBSPOT_OBJECT_SPECS[object];
    const body = await this.settings.http.postJson<unknown>(`${this.settings.baseUrl}/crm/v3/objects/${object}/search`, {
      body: {
        filterGroups: [{ filters: [{ propertyName: spec.modifiedProperty, operator: 'GTE', value: String(Date.parse(since)) }] }],
        sorts: [{ propertyName: spec.modifiedProperty, direction: 'ASCENDING' }],
        properties: spec.properties,
        limit: this.settings.pageSize,
        ...(after === null ? {} : { after }),
      },
      signal,
    });
    return this.readPage(body, object);
  }

  private readPage(body: unknown, object: HubspotObjectName): ObjectsPage {
    const shaped = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { results?: unknown; paging?: { next?: { after?: unknown } } }) : null;
    if (!shaped || !Array.isArray(shaped.results)) {
      throw new UserFacingError(`source "${this.name}" (hubspot): ${this.settings.baseUrl} did not answer with a page of ${object}`, 'check baseUrl (https://api.hubapi.com unless you proxy it)');
    }
    const after = shaped.paging?.next?.after;
    return { results: shaped.results, nextAfter: typeof after === 'string' && after !== '' ? after : typeof after === 'number' ? String(after) : null };
  }

  private async dealLinks(results: unknown[], signal: AbortSignal): Promise<Map<string, LinkedIds>> {
    const ids = results.flatMap((r) => {
      const id = typeof r === 'object' && r !== null ? (r as { id?: unknown }).id : undefined;
      return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
    });
    return readDealAssociations(this.settings.http, this.settings.baseUrl, ids, signal);
  }
}

function readCursor(cursor: JsonValue | null, sourceName: string): HubspotCursor | null {
  if (cursor === null) return null;
  const c = typeof cursor === 'object' && !Array.isArray(cursor) ? cursor : null;
  const optionalText = (v: JsonValue | undefined) => v === null || typeof v === 'string';
  if (!c || (c.mode !== 'list' && c.mode !== 'search') || !optionalText(c.after) || !optionalText(c.since) || !optionalText(c.highWater) || typeof c.page !== 'number' || typeof c.done !== 'boolean') {
    throw new Error(`source "${sourceName}": unreadable HubSpot extract cursor ${JSON.stringify(cursor)}`);
  }
  return { mode: c.mode, after: c.after as string | null, since: c.since as string | null, highWater: c.highWater as string | null, page: c.page, done: c.done };
}

export function createHubspotConnector(entry: Readonly<Record<string, unknown>>, environment: SourceEnvironment, options: HubspotConnectorOptions = {}): HubspotConnector {
  const source = new SourceEntry(entry, environment);
  const baseUrl = source.has('baseUrl') ? source.url('baseUrl') : 'https://api.hubapi.com';
  const tokenEnv = source.string('tokenEnv');
  const token = source.secret('tokenEnv');
  const http = new HttpClient({
    sourceName: source.name,
    authHeaders: async () => ({ authorization: `Bearer ${token}` }),
    authFix: `check the private app token in ${tokenEnv}: it must be current and have the crm.objects.contacts.read, crm.objects.companies.read and crm.objects.deals.read scopes`,
    minIntervalMs: MIN_REQUEST_INTERVAL_MS,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return new HubspotConnector({
    name: source.name,
    baseUrl,
    objects: source.stringList('objects', HUBSPOT_OBJECTS),
    pageSize: source.number('pageSize', 100, { min: 1, max: 100 }),
    http,
  });
}

export const hubspotConnectorFactory: ConnectorFactory = {
  type: 'hubspot',
  create: (entry, environment) => createHubspotConnector(entry, environment),
};
