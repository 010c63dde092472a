import { readJsonObjectLines } from './readJsonObjectLines.js';
import { ReplayServer, type ReplayRequest, type ReplayResponse } from './replayServer.js';

type JsonScalar = string | number | boolean | null;
type JsonField = JsonScalar | JsonField[] | { [key: string]: JsonField };

/** A prospect in v5 field names (id, email, firstName, lastName, company, country, phone, createdAt, updatedAt). */
export type PardotProspect = Record<string, JsonField>;
/** A visitor activity in v5 field names (id, prospectId, type, typeName, createdAt, campaignId, campaign {name}, emailId). */
export type PardotVisitorActivity = Record<string, JsonField>;

export interface PardotRecords {
  prospects: PardotProspect[];
  'visitor-activities': PardotVisitorActivity[];
}

type PardotCollection = keyof PardotRecords;

export interface PardotApiOptions {
  accessToken?: string;
  businessUnitId?: string;
}

export interface PardotApi {
  server: ReplayServer;
  accessToken: string;
  businessUnitId: string;
}

/** Query state carried by nextPageToken: the original query and the last (sort value, id) served. */
interface PageState {
  fields: string[];
  limit: number;
  orderBy: 'createdAt' | 'updatedAt' | 'id';
  filters: Record<string, string>;
  after: [number, number] | null;
}

const COLLECTION_PATH = /^\/api\/v5\/objects\/(prospects|visitor-activities)$/;
const FILTERS: Record<PardotCollection, string[]> = {
  prospects: ['updatedAtAfterOrEqualTo', 'updatedAtBefore', 'createdAtAfterOrEqualTo', 'createdAtBefore'],
  'visitor-activities': ['createdAtAfterOrEqualTo', 'createdAtBefore', 'updatedAtAfterOrEqualTo', 'prospectId'],
};
const ORDERABLE = ['createdAt', 'updatedAt', 'id'] as const;
const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

/** The v5 error body: {"code": n, "message": "..."}. */
export function pardotError(code: number, message: string): { code: number; message: string } {
  return { code, message };
}

const error = (status: number, code: number, message: string): ReplayResponse => ({ status, body: pardotError(code, message) });

/**
 * A local Account Engagement API v5 for the prospects and visitor-activities query endpoints:
 * Bearer token + Pardot-Business-Unit-Id checks, fields selection (dot notation for relations),
 * the date filters, orderBy, and paging by nextPageToken / nextPageUrl.
 */
export function createPardotApi(records: PardotRecords, options: PardotApiOptions = {}): PardotApi {
  const accessToken = options.accessToken ?? 'segflow-demo-salesforce-token';
  const businessUnitId = options.businessUnitId ?? '0Uv000000000001AAA';

  const query = (request: ReplayRequest): ReplayResponse | undefined => {
    const match = COLLECTION_PATH.exec(request.url.pathname);
    if (!match || request.method !== 'GET') return undefined;
    if (request.headers.authorization !== `Bearer ${accessToken}`) {
      return error(401, 184, 'access_token is invalid, unknown, or malformed: Inactive OAuth Token');
    }
    if (request.headers['pardot-business-unit-id'] !== businessUnitId) {
      return error(401, 201, 'Access Denied: User associated with access token is not valid for the Pardot Business Unit ID specified in Pardot-Business-Unit-Id header');
    }
    const collection = match[1] as PardotCollection;
    const params = request.url.searchParams;
    let state: PageState;
    const token = params.get('nextPageToken');
    if (token) {
      try {
        state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageState;
      } catch {
        return error(400, 5, 'Invalid nextPageToken');
      }
    } else {
      const fields = (params.get('fields') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
      if (fields.length === 0) return error(400, 13, 'One or more required parameters are missing: fields');
      const limit = params.has('limit') ? Number(params.get('limit')) : DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return error(400, 23, `Invalid value specified for limit: must be 1 to ${MAX_LIMIT}`);
      const orderBy = (params.get('orderBy') ?? 'id') as PageState['orderBy'];
      if (!ORDERABLE.includes(orderBy)) return error(400, 19, `Invalid value specified for orderBy: ${orderBy}`);
      const filters: Record<string, string> = {};
      for (const [key, value] of params) {
        if (['fields', 'limit', 'orderBy'].includes(key)) continue;
        if (!FILTERS[collection].includes(key)) return error(400, 5, `Invalid query parameter: ${key}`);
        if (key !== 'prospectId' && Number.isNaN(Date.parse(value))) return error(400, 7, `Invalid timestamp for ${key}`);
        filters[key] = value;
      }
      state = { fields, limit, orderBy, filters, after: null };
    }
    const sortKey = (record: Record<string, JsonField>): [number, number] => {
      const raw = state.orderBy === 'id' ? Number(record.id) : Date.parse(String(record[state.orderBy] ?? ''));
      return [Number.isFinite(raw) ? raw : Number.MAX_SAFE_INTEGER, Number(record.id) || 0];
    };
    const matching = records[collection]
      .filter((record) => matchesFilters(record, state.filters))
      .map((record) => ({ record, key: sortKey(record) }))
      .filter(({ key }) => state.after === null || key[0] > state.after[0] || (key[0] === state.after[0] && key[1] > state.after[1]))
      .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
    const page = matching.slice(0, state.limit);
    const body: Record<string, unknown> = { values: page.map(({ record }) => selectFields(record, state.fields)) };
    const last = page.at(-1);
    if (matching.length > state.limit && last) {
      const nextPageToken = Buffer.from(JSON.stringify({ ...state, after: last.key })).toString('base64url');
      body.nextPageToken = nextPageToken;
      body.nextPageUrl = `http://${request.headers.host}${request.url.pathname}?nextPageToken=${nextPageToken}`;
    }
    return { status: 200, body };
  };

  return { server: new ReplayServer([query]), accessToken, businessUnitId };
}

function matchesFilters(record: Record<string, JsonField>, filters: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'prospectId') {
      if (String(record.prospectId) !== value) return false;
      continue;
    }
    const field = key.startsWith('createdAt') ? 'createdAt' : 'updatedAt';
    const at = Date.parse(String(record[field] ?? ''));
    const bound = Date.parse(value);
    if (Number.isNaN(at)) return false;
    if (key.endsWith('AfterOrEqualTo') && at < bound) return false;
    if (key.endsWith('Before') && at >= bound) return false;
  }
  return true;
}

/** Only the requested fields; `campaign.name` selects inside the related object. */
function selectFields(record: Record<string, JsonField>, fields: string[]): Record<string, JsonField> {
  const out: Record<string, JsonField> = {};
  for (const field of fields) {
    const [head, child] = field.split('.', 2) as [string, string | undefined];
    const value = record[head];
    if (child === undefined) {
      out[head] = value ?? null;
      continue;
    }
    const related = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
    const existing = out[head];
    const target = existing !== null && typeof existing === 'object' && !Array.isArray(existing) ? existing : {};
    target[child] = related?.[child] ?? null;
    out[head] = related ? target : null;
  }
  return out;
}

/**
 * Reads generated Pardot records from NDJSON files (one JSON object per line, .gz allowed), line
 * by line; a line that is not a JSON object fails with its file and line number.
 */
export async function loadPardotRecords(files: { prospects?: string; visitorActivities?: string }): Promise<PardotRecords> {
  return {
    prospects: files.prospects ? await readJsonObjectLines<Record<string, JsonField>>(files.prospects, 'Pardot prospects') : [],
    'visitor-activities': files.visitorActivities ? await readJsonObjectLines<Record<string, JsonField>>(files.visitorActivities, 'Pardot visitor activities') : [],
  };
}

