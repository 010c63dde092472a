import { randomUUID } from 'node:crypto';
import type { HubspotObject } from '../../sources/hubspot/hubspotObjects.js';
import { readJsonObjectLines } from './readJsonObjectLines.js';
import { ReplayServer, type ReplayRequest, type ReplayResponse } from './replayServer.js';

export type HubspotApiObjectName = 'contacts' | 'companies' | 'deals';

export interface HubspotApiOptions {
  /** The private-app token the API accepts as `Authorization: Bearer`. */
  token?: string;
}

export const DEMO_HUBSPOT_TOKEN = 'pat-na1-segflow-demo-token';

const SEARCH_RESULT_CAP = 10_000;
const MAX_LIST_LIMIT = 100;
const MAX_SEARCH_LIMIT = 200;
const MODIFIED_PROPERTY: Readonly<Record<string, string>> = { contacts: 'lastmodifieddate', companies: 'hs_lastmodifieddate', deals: 'hs_lastmodifieddate' };
// v4 association type ids HubSpot defines for the v3 labels the generator writes.
const ASSOCIATION_TYPE_IDS: Readonly<Record<string, { typeId: number; label: string | null }>> = {
  deal_to_company: { typeId: 5, label: 'Primary' },
  deal_to_company_unlabeled: { typeId: 341, label: null },
  deal_to_contact: { typeId: 3, label: null },
  contact_to_company: { typeId: 1, label: 'Primary' },
  contact_to_company_unlabeled: { typeId: 279, label: null },
};
const FILTER_OPERATORS = new Set(['EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY']);

interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
}

interface SearchBody {
  filterGroups?: Array<{ filters?: SearchFilter[] }>;
  sorts?: Array<{ propertyName?: string; direction?: string }>;
  properties?: string[];
  limit?: number;
  after?: string;
}

/**
 * HubSpot CRM v3 stand-in over the given objects (the vendor's JSON exactly): the list endpoint
 * (`limit`, `after`, `properties`, `associations`), the search endpoint (filterGroups, one sort,
 * `after` paging with the 10,000-result cap) and the v4 association batch read. Errors use
 * HubSpot's `{status: 'error', message, correlationId, category}` body. The arrays are read at
 * request time, so a test can edit them between runs. Lists come in the order given (the
 * generator writes ascending ids).
 */
export function createHubspotApi(records: Readonly<Partial<Record<HubspotApiObjectName, HubspotObject[]>>>, options: HubspotApiOptions = {}): ReplayServer {
  const token = options.token ?? DEMO_HUBSPOT_TOKEN;
  const objectsOf = (name: string): HubspotObject[] | null => (name in MODIFIED_PROPERTY ? (records[name as HubspotApiObjectName] ?? []) : null);

  const route = (request: ReplayRequest): ReplayResponse | undefined => {
    const path = request.url.pathname;
    if (!path.startsWith('/crm/')) return undefined;
    if (request.headers.authorization !== `Bearer ${token}`) {
      return hubspotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
    }
    const list = /^\/crm\/v3\/objects\/(\w+)\/{0,1}$/.exec(path);
    if (list?.[1] && request.method === 'GET') return listObjects(list[1], request);
    const search = /^\/crm\/v3\/objects\/(\w+)\/search$/.exec(path);
    if (search?.[1] && request.method === 'POST') return searchObjects(search[1], request);
    const associations = /^\/crm\/v4\/associations\/(\w+)\/(\w+)\/batch\/read$/.exec(path);
    if (associations?.[1] && associations[2] && request.method === 'POST') return readAssociations(associations[1], associations[2], request);
    return hubspotError(404, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${path}`);
  };

  function listObjects(object: string, request: ReplayRequest): ReplayResponse {
    const all = objectsOf(object);
    if (!all) return hubspotError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${object}`);
    const params = request.url.searchParams;
    const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, Number(params.get('limit') ?? 10) || 10));
    const offset = Number(params.get('after') ?? 0);
    if (!Number.isInteger(offset) || offset < 0) return hubspotError(400, 'VALIDATION_ERROR', `Invalid after: ${params.get('after')}`);
    const archived = params.get('archived') === 'true';
    const properties = params.get('properties')?.split(',').filter(Boolean);
    const associationTypes = params.get('associations')?.split(',').filter(Boolean) ?? [];
    // Offsets count matching objects, so archiving between pages shifts nothing already served.
    const matching = all.filter((o) => o.archived === archived);
    const slice = matching.slice(offset, offset + limit);
    const end = offset + slice.length;
    return {
      status: 200,
      body: {
        results: slice.map((o) => ({ ...project(object, o, properties), ...associationsOf(o, associationTypes) })),
        ...(end < matching.length ? { paging: { next: { after: String(end), link: `${request.url.origin}${request.url.pathname}?after=${end}` } } } : {}),
      },
    };
  }

  function searchObjects(object: string, request: ReplayRequest): ReplayResponse {
    const all = objectsOf(object);
    if (!all) return hubspotError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${object}`);
    let body: SearchBody;
    try {
      body = JSON.parse(request.body) as SearchBody;
    } catch {
      return hubspotError(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1');
    }
    const limit = body.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) return hubspotError(400, 'VALIDATION_ERROR', `limit must be between 1 and ${MAX_SEARCH_LIMIT}`);
    const offset = Number(body.after ?? 0);
    if (!Number.isInteger(offset) || offset < 0) return hubspotError(400, 'VALIDATION_ERROR', `Invalid after: ${body.after}`);
    if (offset >= SEARCH_RESULT_CAP) return hubspotError(400, 'VALIDATION_ERROR', `Search results are limited to ${SEARCH_RESULT_CAP} per query: narrow the filters instead of paging further`);
    const groups = body.filterGroups ?? [];
    for (const filter of groups.flatMap((g) => g.filters ?? [])) {
      if (!FILTER_OPERATORS.has(filter.operator)) return hubspotError(400, 'VALIDATION_ERROR', `Unsupported filter operator: ${filter.operator}`);
    }
    let matching = all.filter((o) => !o.archived && (groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matchesFilter(o, f)))));
    const sort = body.sorts?.[0];
    if (sort?.propertyName) {
      const direction = sort.direction === 'DESCENDING' ? -1 : 1;
      const name = sort.propertyName;
      // Sort keys are read once per object: parsing dates inside the comparator dominates on 10,000 objects.
      const keyed = matching.map((o) => ({ o, key: sortKey(propertyOf(o, name)), id: Number(o.id) }));
      keyed.sort((a, b) => direction * compareKeys(a.key, b.key) || a.id - b.id);
      matching = keyed.map((k) => k.o);
    }
    const slice = matching.slice(offset, offset + limit);
    const end = offset + slice.length;
    return {
      status: 200,
      body: {
        total: matching.length,
        results: slice.map((o) => project(object, o, body.properties)),
        ...(end < matching.length ? { paging: { next: { after: String(end) } } } : {}),
      },
    };
  }

  function readAssociations(from: string, to: string, request: ReplayRequest): ReplayResponse {
    const all = objectsOf(from);
    if (!all || !objectsOf(to)) return hubspotError(400, 'VALIDATION_ERROR', `Unknown association ${from} → ${to}`);
    let inputs: Array<{ id?: unknown }>;
    try {
      inputs = (JSON.parse(request.body) as { inputs?: Array<{ id?: unknown }> }).inputs ?? [];
    } catch {
      return hubspotError(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1');
    }
    const wanted = new Set(inputs.map((input) => String(input.id)));
    const startedAt = new Date().toISOString();
    const results = all
      .filter((o) => wanted.has(o.id) && (o.associations?.[to]?.results.length ?? 0) > 0)
      .map((o) => {
        const byTarget = new Map<string, Array<{ category: string; typeId: number; label: string | null }>>();
        for (const association of o.associations?.[to]?.results ?? []) {
          const type = ASSOCIATION_TYPE_IDS[association.type] ?? { typeId: 0, label: null };
          byTarget.set(association.id, [...(byTarget.get(association.id) ?? []), { category: 'HUBSPOT_DEFINED', ...type }]);
        }
        return { from: { id: o.id }, to: [...byTarget].map(([toObjectId, associationTypes]) => ({ toObjectId: Number(toObjectId), associationTypes })) };
      });
    return { status: 200, body: { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() } };
  }

  return new ReplayServer([route]);
}

function hubspotError(status: number, category: string, message: string): ReplayResponse {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category } };
}

/** The object with the requested properties (null when unset) plus HubSpot's defaults; all of them when none are requested. */
function project(object: string, o: HubspotObject, requested: readonly string[] | undefined) {
  let properties: Record<string, string | null> = { ...o.properties, hs_object_id: o.properties?.hs_object_id ?? o.id };
  if (requested && requested.length > 0) {
    const names = new Set(['createdate', 'hs_object_id', MODIFIED_PROPERTY[object] ?? 'hs_lastmodifieddate', ...requested]);
    properties = Object.fromEntries([...names].map((name) => [name, properties[name] ?? null]));
  }
  return { id: o.id, properties, createdAt: o.createdAt, updatedAt: o.updatedAt, archived: o.archived };
}

function associationsOf(o: HubspotObject, types: readonly string[]) {
  const present = types.flatMap((type) => {
    const results = o.associations?.[type]?.results ?? [];
    return results.length > 0 ? [[type, { results }] as const] : [];
  });
  return present.length > 0 ? { associations: Object.fromEntries(present) } : {};
}

function propertyOf(o: HubspotObject, name: string): string | null {
  if (name === 'hs_object_id') return o.id;
  return o.properties?.[name] ?? null;
}

/** Dates arrive as ISO text in properties and as epoch milliseconds in filters: compare as numbers when both read as such. */
function numeric(value: string): number {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
}

type SortKey = { kind: 'null' } | { kind: 'number'; value: number } | { kind: 'text'; value: string };

function sortKey(value: string | null): SortKey {
  if (value === null) return { kind: 'null' };
  const n = numeric(value);
  return Number.isNaN(n) ? { kind: 'text', value } : { kind: 'number', value: n };
}

/** Numbers before text, nulls last (HubSpot sorts objects without the property after the rest). */
function compareKeys(a: SortKey, b: SortKey): number {
  if (a.kind !== b.kind) return ['number', 'text', 'null'].indexOf(a.kind) - ['number', 'text', 'null'].indexOf(b.kind);
  if (a.kind === 'number' && b.kind === 'number') return a.value - b.value;
  if (a.kind === 'text' && b.kind === 'text') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return 0;
}

function compareProperty(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const na = numeric(a);
  const nb = numeric(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function matchesFilter(o: HubspotObject, filter: SearchFilter): boolean {
  const value = propertyOf(o, filter.propertyName);
  if (filter.operator === 'HAS_PROPERTY') return value !== null && value !== '';
  if (filter.operator === 'NOT_HAS_PROPERTY') return value === null || value === '';
  if (value === null || filter.value === undefined) return false;
  const order = compareProperty(value, String(filter.value));
  switch (filter.operator) {
    case 'EQ': return order === 0;
    case 'NEQ': return order !== 0;
    case 'GT': return order > 0;
    case 'GTE': return order >= 0;
    case 'LT': return order < 0;
    default: return order <= 0;
  }
}

/**
 * Loads the objects the company-in-a-box generator wrote, one NDJSON file (optionally .gz) per
 * object type, line by line. A line that is not a JSON object fails with its file and line number.
 */
export async function loadHubspotObjects(files: Readonly<Partial<Record<HubspotApiObjectName, string>>>): Promise<Partial<Record<HubspotApiObjectName, HubspotObject[]>>> {
  const loaded: Partial<Record<HubspotApiObjectName, HubspotObject[]>> = {};
  for (const [object, file] of Object.entries(files) as Array<[HubspotApiObjectName, string]>) {
    loaded[object] = await readJsonObjectLines<HubspotObject>(file, `HubSpot ${object} objects`);
  }
  return loaded;
}
