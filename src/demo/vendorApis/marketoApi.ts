import { randomUUID } from 'node:crypto';
import { readJsonObjectLines } from './readJsonObjectLines.js';
import { ReplayServer, type ReplayRequest, type ReplayResponse } from './replayServer.js';

type JsonScalar = string | number | boolean | null;
type JsonField = JsonScalar | JsonField[] | { [key: string]: JsonField };

/** A Marketo lead in REST field names (id, email, firstName, lastName, phone, company, country, createdAt, updatedAt). */
export type MarketoLead = Record<string, JsonField>;
/** A Marketo activity in bulk export column names (marketoGUID, leadId, activityDate, activityTypeId, ...). */
export type MarketoActivity = Record<string, JsonField>;

export interface MarketoRecords {
  leads: MarketoLead[];
  activities: MarketoActivity[];
}

type ExportObject = keyof MarketoRecords;
type ExportStatus = 'Created' | 'Queued' | 'Processing' | 'Completed' | 'Failed' | 'Cancelled';

/** One bulk export job as the fake instance keeps it; tests read `request` to see the filters sent. */
export interface ReplayExport {
  exportId: string;
  object: ExportObject;
  request: Record<string, unknown>;
  status: ExportStatus;
  createdAt: string;
  queuedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Ends Failed or Cancelled instead of Completed. */
  endsAs?: 'Failed' | 'Cancelled';
  file?: string;
  numberOfRecords?: number;
}

export interface MarketoApiOptions {
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
  /** Replaces the CSV text written for one record (tests corrupt a line with it). */
  rewriteCsvLine?: (object: ExportObject, record: Record<string, JsonField>, line: string) => string;
}

export interface MarketoApi {
  server: ReplayServer;
  exports: Map<string, ReplayExport>;
  tokensIssued(): number;
  /** Every token issued so far answers 602 (expired) from now on. */
  expireTokens(): void;
  /** Answers the next `times` requests whose path matches with a Marketo error inside HTTP 200. */
  injectError(path: RegExp, code: string, message: string, times?: number): void;
  /** The next export created ends Failed (or Cancelled) instead of Completed. */
  failNextExport(status?: 'Failed' | 'Cancelled'): void;
}

/** Activity export columns, as Marketo documents the default file. */
const ACTIVITY_COLUMNS = ['marketoGUID', 'leadId', 'activityDate', 'activityTypeId', 'campaignId', 'primaryAttributeValueId', 'primaryAttributeValue', 'attributes'];
const MAX_SPAN_MS = 31 * 24 * 60 * 60 * 1000;
const EXPORT_PATH = /^\/bulk\/v1\/(leads|activities)\/export(?:\/([^/]+))?\/(create|enqueue|status|file)\.json$/;
const LIST_PATH = /^\/bulk\/v1\/(leads|activities)\/export\.json$/;

/** Marketo's error envelope: most failures are HTTP 200 with success=false. */
export function marketoError(code: string, message: string): { requestId: string; success: false; errors: Array<{ code: string; message: string }> } {
  return { requestId: `${randomUUID().slice(0, 4)}#${Date.now().toString(16)}`, success: false, errors: [{ code, message }] };
}

const ok = (result: unknown[]): ReplayResponse => ({ status: 200, body: { requestId: `${randomUUID().slice(0, 4)}#${Date.now().toString(16)}`, success: true, result } });
const fail = (code: string, message: string): ReplayResponse => ({ status: 200, body: marketoError(code, message) });

/**
 * A local Marketo instance for the identity endpoint and the bulk lead/activity export API:
 * create → enqueue → status (Queued, Processing, Completed over successive polls) → file.
 */
export function createMarketoApi(records: MarketoRecords, options: MarketoApiOptions = {}): MarketoApi {
  const clientId = options.clientId ?? 'segflow-demo-client';
  const clientSecret = options.clientSecret ?? 'segflow-demo-secret';
  const tokens = new Map<string, { expiresAt: number; expired: boolean }>();
  const exports = new Map<string, ReplayExport>();
  let issued = 0;
  let nextEnding: 'Failed' | 'Cancelled' | undefined;

  const identity = (request: ReplayRequest): ReplayResponse | undefined => {
    if (request.url.pathname !== '/identity/oauth/token') return undefined;
    const query = request.url.searchParams;
    if (query.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'invalid_request', error_description: 'grant_type must be client_credentials' } };
    if (query.get('client_id') !== clientId || query.get('client_secret') !== clientSecret) {
      return { status: 401, body: { error: 'unauthorized', error_description: 'Bad client credentials' } };
    }
    const ttl = options.tokenTtlSeconds ?? 3599;
    const token = `${randomUUID()}:ab`;
    tokens.set(token, { expiresAt: Date.now() + ttl * 1000, expired: false });
    issued += 1;
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: ttl, scope: 'apiuser@segflow.demo' } };
  };

  const authorised = (request: ReplayRequest): ReplayResponse | null => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const known = tokens.get(token);
    if (!known) return fail('601', 'Access token invalid');
    if (known.expired || known.expiresAt < Date.now()) return fail('602', 'Access token expired');
    return null;
  };

  const bulk = (request: ReplayRequest): ReplayResponse | undefined => {
    const list = LIST_PATH.exec(request.url.pathname);
    const match = list ? null : EXPORT_PATH.exec(request.url.pathname);
    if (!list && !match) return undefined;
    const denied = authorised(request);
    if (denied) return denied;
    if (list) return ok([...exports.values()].filter((e) => e.object === list[1]).map(describe));
    const [, object, exportId, action] = match as unknown as [string, ExportObject, string | undefined, string];
    if (action === 'create') return create(object, request.body);
    const job = exportId ? exports.get(exportId) : undefined;
    if (!job || job.object !== object) return fail('1003', `Export id ${exportId ?? ''} not found`);
    switch (action) {
      case 'enqueue':
        if (job.status !== 'Created') return fail('1029', `Export ${job.exportId} is already queued`);
        job.status = 'Queued';
        job.queuedAt = new Date().toISOString();
        return ok([describe(job)]);
      case 'status': {
        const answer = describe(job);
        advance(job);
        return ok([answer]);
      }
      default:
        if (job.status !== 'Completed' || job.file === undefined) return fail('1003', `Export ${job.exportId} has no file (status ${job.status})`);
        return { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' }, body: job.file };
    }
  };

  const create = (object: ExportObject, body: string): ReplayResponse => {
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return fail('609', 'Invalid JSON');
    }
    if (request.format !== 'CSV') return fail('1003', 'format must be CSV');
    const filter = (request.filter ?? {}) as Record<string, unknown>;
    const dateFilter = (object === 'leads' ? filter.updatedAt ?? filter.createdAt : filter.createdAt) as { startAt?: string; endAt?: string } | undefined;
    const start = Date.parse(dateFilter?.startAt ?? '');
    const end = Date.parse(dateFilter?.endAt ?? '');
    if (Number.isNaN(start) || Number.isNaN(end) || end < start) return fail('1003', 'filter needs a date range with startAt and endAt');
    if (end - start > MAX_SPAN_MS) return fail('1003', 'Date range in filter must be no more than 31 days');
    if (object === 'leads' && (!Array.isArray(request.fields) || request.fields.length === 0)) return fail('1003', 'fields must be a non-empty list');
    const exportId = randomUUID();
    const job: ReplayExport = { exportId, object, request, status: 'Created', createdAt: new Date().toISOString(), endsAs: nextEnding };
    nextEnding = undefined;
    exports.set(exportId, job);
    return ok([describe(job)]);
  };

  const advance = (job: ReplayExport): void => {
    if (job.status === 'Queued') {
      job.status = 'Processing';
      job.startedAt = new Date().toISOString();
    } else if (job.status === 'Processing') {
      job.finishedAt = new Date().toISOString();
      if (job.endsAs) {
        job.status = job.endsAs;
        return;
      }
      const { text, count } = writeFile(job);
      job.file = text;
      job.numberOfRecords = count;
      job.status = 'Completed';
    }
  };

  const writeFile = (job: ReplayExport): { text: string; count: number } => {
    const filter = (job.request.filter ?? {}) as Record<string, unknown>;
    const isLeads = job.object === 'leads';
    const dateField = isLeads ? (filter.updatedAt ? 'updatedAt' : 'createdAt') : 'activityDate';
    const range = (isLeads ? filter.updatedAt ?? filter.createdAt : filter.createdAt) as { startAt: string; endAt: string };
    const start = Date.parse(range.startAt);
    const end = Date.parse(range.endAt);
    const typeIds = Array.isArray(filter.activityTypeIds) ? new Set((filter.activityTypeIds as unknown[]).map(Number)) : null;
    const columns = isLeads ? (job.request.fields as string[]) : ACTIVITY_COLUMNS;
    const lines = [columns.map(csvField).join(',')];
    let count = 0;
    for (const record of records[job.object]) {
      const at = Date.parse(String(record[dateField] ?? ''));
      // Half-open windows: a record on a boundary belongs to exactly one export.
      if (Number.isNaN(at) || at < start || at >= end) continue;
      if (typeIds && !typeIds.has(Number(record.activityTypeId))) continue;
      const line = columns.map((column) => csvField(record[column])).join(',');
      lines.push(options.rewriteCsvLine ? options.rewriteCsvLine(job.object, record, line) : line);
      count += 1;
    }
    return { text: `${lines.join('\n')}\n`, count };
  };

  const server = new ReplayServer([identity, bulk]);
  return {
    server,
    exports,
    tokensIssued: () => issued,
    expireTokens: () => {
      for (const token of tokens.values()) token.expired = true;
    },
    injectError: (path, code, message, times = 1) => server.inject({ path, status: 200, body: marketoError(code, message), times }),
    failNextExport: (status = 'Failed') => {
      nextEnding = status;
    },
  };
}

function describe(job: ReplayExport): Record<string, unknown> {
  const out: Record<string, unknown> = { exportId: job.exportId, format: 'CSV', status: job.status, createdAt: job.createdAt };
  if (job.queuedAt) out.queuedAt = job.queuedAt;
  if (job.startedAt) out.startedAt = job.startedAt;
  if (job.finishedAt) out.finishedAt = job.finishedAt;
  if (job.status === 'Completed') {
    out.numberOfRecords = job.numberOfRecords;
    out.fileSize = Buffer.byteLength(job.file ?? '');
  }
  if (job.status === 'Failed') out.errorMsg = 'Export failed: internal error while writing the file';
  return out;
}

/** One CSV field: quoted when it holds a comma, quote or line break; objects as JSON text. */
function csvField(value: JsonField | undefined): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Reads generated Marketo records from NDJSON files (one JSON object per line, .gz allowed),
 * line by line; a line that is not a JSON object fails with its file and line number.
 */
export async function loadMarketoRecords(files: { leads?: string; activities?: string }): Promise<MarketoRecords> {
  return {
    leads: files.leads ? await readJsonObjectLines<Record<string, JsonField>>(files.leads, 'Marketo leads') : [],
    activities: files.activities ? await readJsonObjectLines<Record<string, JsonField>>(files.activities, 'Marketo activities') : [],
  };
}

