import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ReplayResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

export type ReplayRoute = (request: ReplayRequest) => ReplayResponse | Promise<ReplayResponse> | undefined;

/** A fault to answer instead of the real response, for the next `times` requests whose path matches. */
export interface InjectedFault {
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
}

/**
 * Local stand-in for a SaaS API that cannot be reached from here: it answers with the vendor's
 * documented response shapes, and can be told to fail (429 + Retry-After, 500, 401) on purpose.
 * Used by the connector tests and by `segflow demo --dataset b2b-suite`.
 */
export class ReplayServer {
  private server: Server | undefined;
  private readonly faults: Array<Required<Pick<InjectedFault, 'times'>> & InjectedFault> = [];
  /** Every request received, in order (method and path with query), for assertions. */
  readonly log: string[] = [];
  baseUrl = '';

  constructor(private readonly routes: ReplayRoute[]) {}

  inject(fault: InjectedFault): void {
    this.faults.push({ times: 1, ...fault });
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    const { port: bound } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${bound}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server!.close(() => done()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.baseUrl || 'http://127.0.0.1');
    this.log.push(`${req.method} ${url.pathname}${url.search}`);
    const request: ReplayRequest = { method: req.method ?? 'GET', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    let response: ReplayResponse | undefined;
    const fault = this.faults.find((f) => f.times > 0 && f.path.test(url.pathname));
    if (fault) {
      fault.times -= 1;
      response = { status: fault.status, headers: fault.headers, body: fault.body ?? { error: `injected ${fault.status}` } };
    } else {
      try {
        for (const route of this.routes) {
          response = await route(request);
          if (response) break;
        }
      } catch (error) {
        response = { status: 500, body: { error: (error as Error).message } };
      }
    }
    response ??= { status: 404, body: { error: `no route for ${request.method} ${url.pathname}` } };
    const isText = typeof response.body === 'string';
    res.writeHead(response.status, { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json', ...response.headers });
    res.end(response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body));
  }
}
