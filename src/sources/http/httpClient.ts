import { UserFacingError } from '../../userFacingError.js';

export interface HttpClientOptions {
  /** Source name, used in every error message. */
  sourceName: string;
  /** Headers for every request (e.g. Authorization); called again after refreshAuth. */
  authHeaders?: () => Promise<Record<string, string>>;
  /** Called once after a 401 to renew a token (OAuth); the request is then retried once. */
  refreshAuth?: () => Promise<void>;
  /** What to tell the user when credentials are refused. */
  authFix?: string;
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Longest Retry-After honoured; longer waits fail the attempt so Temporal retries it later. */
  maxRetryAfterMs?: number;
  /** Minimum gap between requests: the API's documented rate limit. */
  minIntervalMs?: number;
  timeoutMs?: number;
  /** Injected so tests can count waits instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON when an object, as-is when a string or URLSearchParams. */
  body?: unknown;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * A 4xx the user must act on (credentials, configuration). Carries the whole response body so a
 * connector can read the vendor's own error code from it.
 */
export class HttpRefusedError extends UserFacingError {
  override name = 'HttpRefusedError';

  constructor(message: string, fix: string, readonly status: number, readonly body: string) {
    super(message, fix);
  }
}

/** Thrown when retries are used up on 429/5xx/network errors; Temporal retries the activity later. */
export class TransientHttpError extends Error {
  override name = 'TransientHttpError';
}

/**
 * HTTP for SaaS connectors: 429 waits for Retry-After, 5xx and network errors retry with
 * exponential backoff and jitter, 401/403 and other 4xx fail fast with a message naming the source.
 */
export class HttpClient {
  private readonly options: Required<Omit<HttpClientOptions, 'authHeaders' | 'refreshAuth'>> & Pick<HttpClientOptions, 'authHeaders' | 'refreshAuth'>;
  private lastRequestAt = 0;
  /** Number of requests sent, retries included: tests and logs use it. */
  requests = 0;

  constructor(options: HttpClientOptions) {
    this.options = {
      authFix: 'check the credentials the sources file names',
      maxAttempts: 6,
      initialBackoffMs: 500,
      maxBackoffMs: 30_000,
      maxRetryAfterMs: 120_000,
      minIntervalMs: 0,
      timeoutMs: 60_000,
      sleep: defaultSleep,
      ...options,
    };
  }

  async getJson<T>(url: string, request: HttpRequest = {}): Promise<T> {
    return this.json<T>(url, { ...request, method: 'GET' });
  }

  async postJson<T>(url: string, request: HttpRequest = {}): Promise<T> {
    return this.json<T>(url, { ...request, method: 'POST' });
  }

  private async json<T>(url: string, request: HttpRequest): Promise<T> {
    const response = await this.send(url, request);
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw new TransientHttpError(`source "${this.options.sourceName}": ${describeUrl(url)} answered ${response.status} with a body that is not JSON: ${excerpt(response.text)}`);
    }
  }

  /** Sends the request with retries; resolves only for 2xx responses. */
  async send(url: string, request: HttpRequest = {}): Promise<HttpResponse> {
    const { sourceName, maxAttempts } = this.options;
    const target = withQuery(url, request.query);
    let refreshed = false;
    let lastProblem = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      request.signal?.throwIfAborted();
      await this.pace();
      let response: Response;
      try {
        response = await fetch(target, await this.init(request));
      } catch (error) {
        if (request.signal?.aborted) throw error;
        lastProblem = `network error: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`;
        await this.backoff(attempt, null);
        continue;
      }
      const text = await response.text();
      if (response.ok) return { status: response.status, headers: response.headers, text };
      if (response.status === 401 && this.options.refreshAuth && !refreshed) {
        refreshed = true;
        await this.options.refreshAuth();
        attempt -= 1;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw new HttpRefusedError(
          `source "${sourceName}": ${describeUrl(target)} refused the credentials (${response.status}: ${excerpt(text)})`,
          this.options.authFix,
          response.status,
          text,
        );
      }
      if (response.status === 429 || response.status >= 500) {
        lastProblem = `${response.status}: ${excerpt(text)}`;
        await this.backoff(attempt, response.status === 429 ? response.headers.get('retry-after') : null);
        continue;
      }
      throw new HttpRefusedError(
        `source "${sourceName}": ${describeUrl(target)} answered ${response.status}: ${excerpt(text)}`,
        'check the source\'s configuration (object names, fields, API version) against the vendor\'s documentation',
        response.status,
        text,
      );
    }
    throw new TransientHttpError(`source "${sourceName}": ${describeUrl(target)} still failing after ${maxAttempts} attempts (${lastProblem})`);
  }

  private async init(request: HttpRequest): Promise<RequestInit> {
    const headers: Record<string, string> = { accept: 'application/json', ...(await this.options.authHeaders?.()), ...request.headers };
    let body: string | URLSearchParams | undefined;
    if (typeof request.body === 'string' || request.body instanceof URLSearchParams) {
      body = request.body;
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    this.requests += 1;
    return { method: request.method ?? 'GET', headers, body, signal };
  }

  private async pace(): Promise<void> {
    const wait = this.lastRequestAt + this.options.minIntervalMs - Date.now();
    if (wait > 0) await this.options.sleep(wait);
    this.lastRequestAt = Date.now();
  }

  private async backoff(attempt: number, retryAfter: string | null): Promise<void> {
    if (attempt >= this.options.maxAttempts) return;
    const requested = parseRetryAfter(retryAfter);
    if (requested !== null) {
      if (requested > this.options.maxRetryAfterMs) {
        throw new TransientHttpError(`source "${this.options.sourceName}": rate limited for ${Math.round(requested / 1000)} s, longer than this attempt waits`);
      }
      await this.options.sleep(requested);
      return;
    }
    const ceiling = Math.min(this.options.maxBackoffMs, this.options.initialBackoffMs * 2 ** (attempt - 1));
    await this.options.sleep(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function withQuery(url: string, query: HttpRequest['query']): string {
  if (!query) return url;
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) parsed.searchParams.set(key, String(value));
  }
  return parsed.toString();
}

/** The URL without its query string: queries can carry tokens. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}
