import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { UserFacingError } from '../../userFacingError.js';
import { HttpClient, parseRetryAfter, TransientHttpError } from '../http/httpClient.js';
import type { MarketoSettings } from './marketoSettings.js';

/** Marketo's response envelope: most errors arrive inside HTTP 200 with success=false. */
export interface MarketoEnvelope<T> {
  requestId?: string;
  success: boolean;
  result?: T[];
  errors?: Array<{ code: string | number; message: string }>;
}

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

export interface MarketoClientOptions {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

const TOKEN_CODES = new Set(['601', '602']);
// 606: more than 100 calls in 20 s; 615: more than 10 concurrent calls; 1029: export queue full or daily quota used.
const BUSY_WAIT_MS: Record<string, number> = { '606': 20_000, '615': 5_000, '1029': 60_000 };
const MAX_BUSY_WAITS = 6;
const TOKEN_MARGIN_MS = 60_000;

/** Per-request retry state: a token is refreshed once, busy answers are waited out a few times. */
interface RetryState {
  refreshed: boolean;
  busyWaits: number;
}

/**
 * Marketo REST calls: OAuth client-credentials token sent as a Bearer header, and the errors that
 * Marketo reports inside HTTP 200 (token expired, rate limit, queue full) handled like HTTP errors.
 */
export class MarketoRestClient {
  private readonly http: HttpClient;
  private readonly identity: HttpClient;
  private token: { value: string; expiresAt: number } | null = null;
  /** Access tokens fetched so far: tests use it to see a refresh. */
  tokensIssued = 0;

  constructor(
    private readonly settings: MarketoSettings,
    private readonly options: MarketoClientOptions,
  ) {
    const authFix = `check the LaunchPoint service's client id and secret in the variables clientIdEnv and clientSecretEnv name, and that baseUrl is the instance's REST endpoint (Admin > Web Services)`;
    this.identity = new HttpClient({ sourceName: settings.name, authFix, sleep: options.sleep });
    this.http = new HttpClient({
      sourceName: settings.name,
      authFix,
      sleep: options.sleep,
      // 100 calls per 20 seconds per instance.
      minIntervalMs: 200,
      authHeaders: async () => ({ authorization: `Bearer ${await this.accessToken()}` }),
      refreshAuth: () => this.refreshToken(),
    });
  }

  get requests(): number {
    return this.http.requests + this.identity.requests;
  }

  /** A JSON call; resolves with the envelope's result list. */
  async call<T>(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<T[]> {
    const url = `${this.settings.baseUrl}${path}`;
    const state: RetryState = { refreshed: false, busyWaits: 0 };
    for (;;) {
      // Fetched here, not inside the request: a refused client secret must surface as itself.
      await this.accessToken();
      const envelope = method === 'GET'
        ? await this.http.getJson<MarketoEnvelope<T>>(url, { signal })
        : await this.http.postJson<MarketoEnvelope<T>>(url, { body: body ?? {}, signal });
      if (envelope.success) return envelope.result ?? [];
      await this.recover(path, envelope, state);
    }
  }

  /**
   * Opens an export file as a byte stream, so a large CSV is never held in memory. HttpClient
   * buffers whole bodies, hence this small retry loop of its own (429, 5xx, 401, errors in 200).
   */
  async openStream(path: string, signal: AbortSignal): Promise<Readable> {
    const url = `${this.settings.baseUrl}${path}`;
    const state: RetryState = { refreshed: false, busyWaits: 0 };
    let lastProblem = '';
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      signal.throwIfAborted();
      let response: Response;
      try {
        response = await fetch(url, { headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'text/csv' }, signal });
      } catch (error) {
        if (signal.aborted) throw error;
        lastProblem = `network error: ${(error as Error).message}`;
        await this.options.sleep(500 * 2 ** (attempt - 1));
        continue;
      }
      if (response.ok && response.body && !(response.headers.get('content-type') ?? '').includes('json')) {
        return Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
      }
      const text = await response.text();
      if (response.ok) {
        await this.recover(path, parseEnvelope(text), state);
        attempt -= 1;
        continue;
      }
      if (response.status === 401 && !state.refreshed) {
        state.refreshed = true;
        await this.refreshToken();
        attempt -= 1;
        continue;
      }
      if (response.status === 429 || response.status >= 500) {
        lastProblem = `${response.status}: ${text.slice(0, 200)}`;
        await this.options.sleep(parseRetryAfter(response.headers.get('retry-after')) ?? 500 * 2 ** (attempt - 1));
        continue;
      }
      throw new UserFacingError(
        `source "${this.settings.name}": ${this.settings.baseUrl}${path} answered ${response.status}: ${text.slice(0, 200)}`,
        response.status === 403 ? 'give the API user the Read-Only Lead and Read-Only Activity permissions' : 'check baseUrl and the export id',
      );
    }
    throw new TransientHttpError(`source "${this.settings.name}": ${path} still failing after 6 attempts (${lastProblem})`);
  }

  /** Waits out or repairs an error Marketo reported in the envelope; throws when it cannot. */
  private async recover(path: string, envelope: MarketoEnvelope<unknown>, state: RetryState): Promise<void> {
    const error = envelope.errors?.[0];
    const code = String(error?.code ?? 'unknown');
    const detail = `${path} answered error ${code}: ${error?.message ?? 'no message'}`;
    if (TOKEN_CODES.has(code)) {
      if (state.refreshed) {
        throw new UserFacingError(`source "${this.settings.name}": ${detail} even with a new access token`, 'check that the API user is active and its role has API access');
      }
      state.refreshed = true;
      await this.refreshToken();
      return;
    }
    const wait = BUSY_WAIT_MS[code];
    if (wait !== undefined) {
      if (state.busyWaits >= MAX_BUSY_WAITS) {
        // Transient: the activity is retried later and resumes from its cursor.
        throw new Error(`source "${this.settings.name}": ${detail} (still busy after ${MAX_BUSY_WAITS} waits)`);
      }
      state.busyWaits += 1;
      await this.options.sleep(wait);
      return;
    }
    throw new UserFacingError(`source "${this.settings.name}": ${detail}`, fixFor(code));
  }

  private async accessToken(): Promise<string> {
    if (!this.token || this.token.expiresAt - TOKEN_MARGIN_MS <= this.options.now()) await this.refreshToken();
    return this.token!.value;
  }

  private async refreshToken(): Promise<void> {
    const response = await this.identity.getJson<Partial<TokenResponse> & { error?: string; error_description?: string }>(
      `${this.settings.baseUrl}/identity/oauth/token`,
      { query: { grant_type: 'client_credentials', client_id: this.settings.clientId, client_secret: this.settings.clientSecret } },
    );
    if (typeof response.access_token !== 'string' || response.access_token === '') {
      throw new UserFacingError(
        `source "${this.settings.name}": the identity endpoint gave no access token (${response.error ?? 'no error'}: ${response.error_description ?? ''})`,
        'check the client id and secret of the LaunchPoint service',
      );
    }
    this.tokensIssued += 1;
    this.token = { value: response.access_token, expiresAt: this.options.now() + (response.expires_in ?? 3600) * 1000 };
  }
}

function parseEnvelope(text: string): MarketoEnvelope<unknown> {
  try {
    return JSON.parse(text) as MarketoEnvelope<unknown>;
  } catch {
    return { success: false, errors: [{ code: 'unreadable', message: text.slice(0, 200) }] };
  }
}

function fixFor(code: string): string {
  switch (code) {
    case '1035':
      return 'the subscription does not offer this bulk export filter (updatedAt needs Marketo support to enable it); ask Marketo support or extract activities only';
    case '603':
      return 'give the API user a role with Read-Only Lead and Read-Only Activity permissions';
    case '1003':
      return 'check the export filter (31 days at most) and activityTypeIds';
    default:
      return 'see Marketo\'s REST error codes for this code and fix the source\'s settings';
  }
}
