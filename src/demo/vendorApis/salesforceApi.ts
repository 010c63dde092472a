import { randomBytes } from 'node:crypto';
import type { SalesforceRecord } from '../../sources/salesforce/salesforceObjects.js';
import { readJsonObjectLines } from './readJsonObjectLines.js';
import { ReplayServer, type ReplayRequest, type ReplayResponse } from './replayServer.js';

export interface SalesforceApiOptions {
  /** Connected-app credentials the token endpoint accepts. */
  clientId?: string;
  clientSecret?: string;
}

export const DEMO_SALESFORCE_CLIENT = { clientId: 'segflow-demo-client-id', clientSecret: 'segflow-demo-client-secret' } as const;

const STANDARD_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity'];
const MIN_BATCH = 200;
const MAX_BATCH = 2000;
// Salesforce keeps locators for two days; the replay keeps the most recent ones so memory stays bounded.
const KEPT_LOCATORS = 50;

interface QueryLocator {
  object: string;
  version: string;
  fields: string[];
  matches: SalesforceRecord[];
  batchSize: number;
}

interface ParsedSoql {
  fields: string[];
  object: string;
  where: { field: string; operator: string; value: Literal } | null;
  orderBy: Array<{ field: string; descending: boolean }>;
  limit: number | null;
}

type Literal = { kind: 'dateTime'; ms: number } | { kind: 'text'; text: string } | { kind: 'number'; value: number };

/**
 * Salesforce REST API stand-in over the given records (per object, the vendor's JSON exactly):
 * the OAuth client-credentials token endpoint, `/services/data/vXX.X/query?q=` with a small SOQL
 * subset (SELECT fields FROM Object [WHERE field op literal] [ORDER BY ...] [LIMIT n]),
 * `Sforce-Query-Options: batchSize` and nextRecordsUrl paging. Errors use Salesforce's
 * `[{message, errorCode}]` bodies. The record arrays are read at query time, so a test can edit them.
 */
export function createSalesforceApi(records: Readonly<Record<string, SalesforceRecord[]>>, options: SalesforceApiOptions = {}): ReplayServer {
  const clientId = options.clientId ?? DEMO_SALESFORCE_CLIENT.clientId;
  const clientSecret = options.clientSecret ?? DEMO_SALESFORCE_CLIENT.clientSecret;
  const tokens = new Set<string>();
  const locators = new Map<string, QueryLocator>();

  const token = (request: ReplayRequest): ReplayResponse | undefined => {
    if (request.url.pathname !== '/services/oauth2/token') return undefined;
    if (request.method !== 'POST') return { status: 405, body: { error: 'invalid_request', error_description: 'must use HTTP POST' } };
    const form = new URLSearchParams(request.body);
    const basic = /^Basic\s+(.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    if (form.get('grant_type') !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
    }
    if ((form.get('client_id') ?? basicId) !== clientId || (form.get('client_secret') ?? basicSecret) !== clientSecret) {
      return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
    }
    const accessToken = `00D000000000001!${randomBytes(24).toString('base64url')}`;
    tokens.add(accessToken);
    return {
      status: 200,
      body: {
        access_token: accessToken, signature: randomBytes(32).toString('base64'), scope: 'api', instance_url: request.url.origin,
        id: `${request.url.origin}/id/00D000000000001EAA/005000000000001AAA`, token_type: 'Bearer', issued_at: String(Date.now()),
      },
    };
  };

  const data = (request: ReplayRequest): ReplayResponse | undefined => {
    const match = /^\/services\/data\/(v\d+\.\d)\/query(?:\/([^/]+)-(\d+))?\/{0,1}$/.exec(request.url.pathname);
    if (!request.url.pathname.startsWith('/services/data/')) return undefined;
    const bearer = /^Bearer\s+(.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    if (!bearer || !tokens.has(bearer)) return salesforceError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (!match || request.method !== 'GET') return salesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const [, version = '', locatorId, offset] = match;
    if (locatorId !== undefined) {
      const locator = locators.get(locatorId);
      if (!locator) return salesforceError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return { status: 200, body: queryPage(locatorId, locator, Number(offset)) };
    }
    const soql = request.url.searchParams.get('q');
    if (!soql) return salesforceError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const parsed = parseSoql(soql);
    if ('problem' in parsed) return salesforceError(400, 'MALFORMED_QUERY', parsed.problem);
    const known = [...new Set([...STANDARD_OBJECTS, ...Object.keys(records)])];
    const object = known.find((name) => name.toLowerCase() === parsed.object.toLowerCase());
    if (!object) {
      return salesforceError(400, 'INVALID_TYPE', `sObject type '${parsed.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`);
    }
    let matches = (records[object] ?? []).filter((record) => parsed.where === null || matchesWhere(record, parsed.where));
    if (parsed.orderBy.length > 0) matches.sort((a, b) => compareRecords(a, b, parsed.orderBy));
    if (parsed.limit !== null) matches = matches.slice(0, parsed.limit);
    const id = `01g${randomBytes(6).toString('hex').toUpperCase()}`;
    const locator: QueryLocator = { object, version, fields: parsed.fields, matches, batchSize: batchSizeOf(request) };
    locators.set(id, locator);
    for (const old of locators.keys()) {
      if (locators.size <= KEPT_LOCATORS) break;
      locators.delete(old);
    }
    return { status: 200, body: queryPage(id, locator, 0) };
  };

  return new ReplayServer([token, data]);
}

function queryPage(locatorId: string, locator: QueryLocator, offset: number) {
  const end = offset + locator.batchSize;
  const done = end >= locator.matches.length;
  return {
    totalSize: locator.matches.length,
    done,
    ...(done ? {} : { nextRecordsUrl: `/services/data/${locator.version}/query/${locatorId}-${end}` }),
    records: locator.matches.slice(offset, end).map((record) => {
      const projected: SalesforceRecord = {
        attributes: { type: locator.object, url: `/services/data/${locator.version}/sobjects/${locator.object}/${typeof record.Id === 'string' ? record.Id : ''}` },
      };
      for (const field of locator.fields) projected[field] = record[field] ?? null;
      return projected;
    }),
  };
}

function salesforceError(status: number, errorCode: string, message: string): ReplayResponse {
  return { status, body: [{ message, errorCode }] };
}

/** `Sforce-Query-Options: batchSize=N`: Salesforce honours 200..2000 and defaults to 2000. */
function batchSizeOf(request: ReplayRequest): number {
  const requested = /batchSize\s*=\s*(\d+)/i.exec(String(request.headers['sforce-query-options'] ?? ''))?.[1];
  if (requested === undefined) return MAX_BATCH;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(requested)));
}

const SOQL = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(\w+)\s*(>=|<=|!=|>|<|=)\s*(\S+))?(?:\s+ORDER\s+BY\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/is;
const SOQL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

/** The SOQL subset connectors send; anything else is MALFORMED_QUERY, as Salesforce would say for real syntax errors. */
function parseSoql(soql: string): ParsedSoql | { problem: string } {
  const match = SOQL.exec(soql);
  if (!match) return { problem: `unexpected token in query: ${soql.slice(0, 120)}` };
  const [, fieldList = '', object = '', whereField, operator, literal, orderList, limit] = match;
  const fields = fieldList.split(',').map((f) => f.trim());
  if (fields.some((f) => !/^\w+$/.test(f))) return { problem: `unexpected token in field list: ${fieldList}` };
  let where: ParsedSoql['where'] = null;
  if (whereField !== undefined && operator !== undefined && literal !== undefined) {
    const value = parseLiteral(literal);
    if (!value) return { problem: `value of filter criterion for field '${whereField}' must be of type dateTime and should not be enclosed in quotes: ${literal}` };
    where = { field: whereField, operator, value };
  }
  const orderBy: ParsedSoql['orderBy'] = [];
  for (const item of orderList ? orderList.split(',') : []) {
    const order = /^\s*(\w+)(?:\s+(ASC|DESC))?\s*$/i.exec(item);
    if (!order?.[1]) return { problem: `unexpected token in ORDER BY: ${item.trim()}` };
    orderBy.push({ field: order[1], descending: order[2]?.toUpperCase() === 'DESC' });
  }
  return { fields, object, where, orderBy, limit: limit === undefined ? null : Number(limit) };
}

function parseLiteral(literal: string): Literal | null {
  if (SOQL_DATETIME.test(literal)) return { kind: 'dateTime', ms: Date.parse(literal) };
  const quoted = /^'(.*)'$/.exec(literal);
  if (quoted) return { kind: 'text', text: quoted[1] ?? '' };
  if (/^-?\d+(\.\d+)?$/.test(literal)) return { kind: 'number', value: Number(literal) };
  return null;
}

function matchesWhere(record: SalesforceRecord, where: NonNullable<ParsedSoql['where']>): boolean {
  const value = record[where.field];
  let order: number;
  if (where.value.kind === 'dateTime') {
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) return false;
    order = ms - where.value.ms;
  } else if (where.value.kind === 'number') {
    if (typeof value !== 'number') return false;
    order = value - where.value.value;
  } else {
    if (typeof value !== 'string') return false;
    order = value < where.value.text ? -1 : value > where.value.text ? 1 : 0;
  }
  switch (where.operator) {
    case '>=': return order >= 0;
    case '>': return order > 0;
    case '<=': return order <= 0;
    case '<': return order < 0;
    case '!=': return order !== 0;
    default: return order === 0;
  }
}

/** ORDER BY with Salesforce's defaults: ascending, nulls first; dateTimes compare as instants. */
function compareRecords(a: SalesforceRecord, b: SalesforceRecord, orderBy: ParsedSoql['orderBy']): number {
  for (const { field, descending } of orderBy) {
    const order = compareValues(a[field], b[field]);
    if (order !== 0) return descending ? -order : order;
  }
  return 0;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const textA = String(a);
  const textB = String(b);
  const msA = /^\d{4}-\d{2}-\d{2}T/.test(textA) ? Date.parse(textA) : Number.NaN;
  const msB = /^\d{4}-\d{2}-\d{2}T/.test(textB) ? Date.parse(textB) : Number.NaN;
  if (!Number.isNaN(msA) && !Number.isNaN(msB) && msA !== msB) return msA - msB;
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

/**
 * Loads the records the company-in-a-box generator wrote, one NDJSON file (optionally .gz) per
 * object, line by line. A line that is not a JSON object fails with its file and line number.
 */
export async function loadSalesforceRecords(files: Readonly<Record<string, string>>): Promise<Record<string, SalesforceRecord[]>> {
  const loaded: Record<string, SalesforceRecord[]> = {};
  for (const [object, file] of Object.entries(files)) loaded[object] = await readJsonObjectLines<SalesforceRecord>(file, `Salesforce ${object} records`);
  return loaded;
}
