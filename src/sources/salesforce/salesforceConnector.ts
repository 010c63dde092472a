import { UserFacingError } from '../../userFacingError.js';
import { SourceEntry } from '../config/sourceEntry.js';
import type {
  ConnectorFactory, ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, SourceCheck, SourceConnector, SourceEnvironment,
} from '../connector.js';
import { maxHighWater } from '../extractCheckpoints.js';
import { HttpClient, TransientHttpError } from '../http/httpClient.js';
import { extractSoql, probeSoql } from './extractSoql.js';
import { mapSalesforceRecord } from './mapSalesforceRecord.js';
import { salesforceErrorCode } from './salesforceErrorCode.js';
import { isSalesforceObjectName, SALESFORCE_OBJECTS, type SalesforceObjectName, type SalesforceRecord } from './salesforceObjects.js';
import { SalesforceSession } from './salesforceSession.js';

/** Seams for tests: HttpClient waits go through `sleep`. */
export interface SalesforceConnectorOptions {
  sleep?: (ms: number) => Promise<void>;
}

interface SalesforceSettings {
  name: string;
  apiVersion: string;
  objects: SalesforceObjectName[];
  pageSize: number;
  session: SalesforceSession;
  credentialsFix: string;
  sleep: (ms: number) => Promise<void>;
}

/** Where an extract stands: the next page's locator URL (null once the last page is committed). */
type SalesforceCursor = {
  next: string | null;
  /** Lower bound of the running query; an expired locator restarts from `highWater` instead. */
  since: string | null;
  highWater: string | null;
  /** Pages read so far: locates records without an Id (`page N:index`). */
  page: number;
};

interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl: string | null;
  records: unknown[];
}

// REQUEST_LIMIT_EXCEEDED (403) is a rate limit, not refused credentials: wait, then leave it to Temporal's retries.
const REQUEST_LIMIT_WAITS_MS = [5_000, 30_000];

/** Salesforce REST API: SOQL queries over Account, Contact, Lead and Opportunity, incremental on SystemModstamp. */
export class SalesforceConnector implements SourceConnector {
  readonly type = 'salesforce';
  readonly name: string;
  private readonly http: HttpClient;

  constructor(private readonly settings: SalesforceSettings) {
    this.name = settings.name;
    this.http = new HttpClient({
      sourceName: settings.name,
      authHeaders: () => settings.session.authHeaders(),
      refreshAuth: () => settings.session.refresh(),
      authFix: settings.credentialsFix,
      sleep: settings.sleep,
    });
  }

  objects(): readonly string[] {
    return this.settings.objects;
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    const object = this.objectNamed(request.object);
    const resumed = readCursor(request.cursor, this.name);
    if (resumed && resumed.next === null) return;
    let since = resumed?.since ?? request.watermark;
    let highWater = resumed?.highWater ?? null;
    let page = resumed?.page ?? 0;
    let path = resumed?.next ?? this.queryPath(extractSoql(object, since));
    for (;;) {
      let result: QueryResult;
      try {
        result = await this.query(path, request.signal);
      } catch (error) {
        // Query locators expire (two days, or when the org has too many open): run the query again from what was committed.
        if (salesforceErrorCode(error) !== 'INVALID_QUERY_LOCATOR' || !path.includes('/query/')) throw error;
        since = highWater ?? since;
        path = this.queryPath(extractSoql(object, since));
        continue;
      }
      page += 1;
      const rows: LandingRow[] = [];
      const rejects: LandingReject[] = [];
      let batchHighWater: string | null = null;
      for (const [index, record] of result.records.entries()) {
        if (typeof record !== 'object' || record === null || Array.isArray(record)) {
          rejects.push({ sourceObject: object, position: `page ${page}:${index}`, reasonCode: 'malformed_record', detail: 'the record is not a JSON object', original: JSON.stringify(record) ?? '' });
          continue;
        }
        const mapped = mapSalesforceRecord(object, record as SalesforceRecord, page, index);
        if ('reject' in mapped) {
          rejects.push(mapped.reject);
          continue;
        }
        rows.push(mapped.row);
        batchHighWater = maxHighWater(batchHighWater, mapped.row.modifiedAt);
      }
      highWater = maxHighWater(highWater, batchHighWater);
      const next = result.done ? null : result.nextRecordsUrl;
      const cursor: SalesforceCursor = { next, since, highWater, page };
      yield { rows, rejects, recordsRead: result.records.length, cursor, highWater: batchHighWater };
      if (next === null) return;
      path = next;
    }
  }

  async check(signal: AbortSignal): Promise<SourceCheck[]> {
    const { objects, apiVersion, session } = this.settings;
    let instanceUrl: string;
    try {
      instanceUrl = await session.instanceUrl();
    } catch (error) {
      return objects.map((object) => ({ object, ok: false, message: describeFailure(error) }));
    }
    const checks: SourceCheck[] = [];
    for (const object of objects) {
      try {
        await this.query(this.queryPath(probeSoql(object)), signal);
        checks.push({ object, ok: true, message: `queried ${object} on ${instanceUrl} (API ${apiVersion})` });
      } catch (error) {
        checks.push({ object, ok: false, message: describeFailure(error) });
      }
    }
    return checks;
  }

  private objectNamed(object: string): SalesforceObjectName {
    if (!isSalesforceObjectName(object) || !this.settings.objects.includes(object)) {
      throw new UserFacingError(`source "${this.name}" (salesforce): object ${object} is not configured`, `list it in objects (one of ${SALESFORCE_OBJECTS.join(', ')})`);
    }
    return object;
  }

  private queryPath(soql: string): string {
    return `/services/data/${this.settings.apiVersion}/query?q=${encodeURIComponent(soql)}`;
  }

  /** One page of a query (a SOQL text or a nextRecordsUrl), waiting out REQUEST_LIMIT_EXCEEDED a few times. */
  private async query(path: string, signal: AbortSignal): Promise<QueryResult> {
    const url = `${await this.settings.session.instanceUrl()}${path}`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const body = await this.http.getJson<unknown>(url, { headers: { 'sforce-query-options': `batchSize=${this.settings.pageSize}` }, signal });
        return this.readQueryResult(body, path);
      } catch (error) {
        if (salesforceErrorCode(error) !== 'REQUEST_LIMIT_EXCEEDED') throw error;
        const wait = REQUEST_LIMIT_WAITS_MS[attempt];
        if (wait === undefined) throw new TransientHttpError(`source "${this.name}": Salesforce API request limit exceeded (REQUEST_LIMIT_EXCEEDED); the extract resumes on the next attempt`);
        await this.settings.sleep(wait);
      }
    }
  }

  private readQueryResult(body: unknown, path: string): QueryResult {
    const shaped = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    if (!shaped || !Array.isArray(shaped.records) || typeof shaped.done !== 'boolean') {
      throw new UserFacingError(
        `source "${this.name}" (salesforce): ${path.split('?')[0]} did not answer with a query result`,
        'check instanceUrl (the org\'s https://<my-domain>.my.salesforce.com) and apiVersion (e.g. v60.0)',
      );
    }
    const nextRecordsUrl = typeof shaped.nextRecordsUrl === 'string' && shaped.nextRecordsUrl !== '' ? shaped.nextRecordsUrl : null;
    if (!shaped.done && nextRecordsUrl === null) throw new TransientHttpError(`source "${this.name}": Salesforce answered done: false without a nextRecordsUrl`);
    return { totalSize: typeof shaped.totalSize === 'number' ? shaped.totalSize : shaped.records.length, done: shaped.done, nextRecordsUrl, records: shaped.records };
  }
}

function readCursor(cursor: JsonValue | null, sourceName: string): SalesforceCursor | null {
  if (cursor === null) return null;
  const c = typeof cursor === 'object' && !Array.isArray(cursor) ? cursor : null;
  const optionalText = (v: JsonValue | undefined) => v === null || typeof v === 'string';
  if (!c || !optionalText(c.next) || !optionalText(c.since) || !optionalText(c.highWater) || typeof c.page !== 'number') {
    throw new Error(`source "${sourceName}": unreadable Salesforce extract cursor ${JSON.stringify(cursor)}`);
  }
  return { next: c.next as string | null, since: c.since as string | null, highWater: c.highWater as string | null, page: c.page };
}

function describeFailure(error: unknown): string {
  if (error instanceof UserFacingError) return `${error.message} — ${error.fix}`;
  return error instanceof Error ? error.message : String(error);
}

export function createSalesforceConnector(entry: Readonly<Record<string, unknown>>, environment: SourceEnvironment, options: SalesforceConnectorOptions = {}): SalesforceConnector {
  const source = new SourceEntry(entry, environment);
  const instanceUrl = source.url('instanceUrl');
  const tokenUrl = source.has('tokenUrl') ? source.url('tokenUrl') : `${instanceUrl}/services/oauth2/token`;
  const clientIdEnv = source.string('clientIdEnv');
  const clientSecretEnv = source.string('clientSecretEnv');
  const apiVersion = source.optionalString('apiVersion') ?? 'v60.0';
  if (!/^v\d{2,3}\.\d$/.test(apiVersion)) {
    throw new UserFacingError(`source "${source.name}" (salesforce): apiVersion must look like v60.0 (got "${apiVersion}")`, 'set apiVersion: v60.0, or another version the org supports');
  }
  const credentialsFix = `check the connected app's consumer key and secret in ${clientIdEnv} and ${clientSecretEnv}, and that the app enables the client credentials flow with a Run As user`;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const session = new SalesforceSession({
    sourceName: source.name, tokenUrl, clientId: source.secret('clientIdEnv'), clientSecret: source.secret('clientSecretEnv'), instanceUrl, credentialsFix, sleep,
  });
  return new SalesforceConnector({
    name: source.name,
    apiVersion,
    objects: source.stringList('objects', SALESFORCE_OBJECTS),
    pageSize: source.number('pageSize', 2000, { min: 200, max: 2000 }),
    session,
    credentialsFix,
    sleep,
  });
}

export const salesforceConnectorFactory: ConnectorFactory = {
  type: 'salesforce',
  create: (entry, environment) => createSalesforceConnector(entry, environment),
};
