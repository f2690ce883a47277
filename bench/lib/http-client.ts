/**
 * A small JSON client for /engine-rest over keep-alive connections (node:http, which costs
 * the load generator less CPU than fetch: it shares the 2 cores with the server and Postgres).
 * Sends HTTP Basic credentials on every request, as Camunda clients do.
 */
import http from 'node:http';

/** A response: status and parsed JSON body (null when empty). */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Error for an unexpected status, carrying the server's message. */
export class HttpStatusError extends Error {
  constructor(readonly status: number, readonly method: string, readonly path: string, body: string) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 300)}`);
  }
}

/** JSON over HTTP against one base URL. */
export class RestClient {
  private readonly agent: http.Agent;
  private readonly url: URL;
  private readonly auth: string | null;

  constructor(base: string, credentials: { user: string; password: string } | null, maxSockets = 64) {
    this.url = new URL(base);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
    this.auth = credentials ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}` : null;
  }

  /** Sends a request; resolves with any status. */
  request(method: string, path: string, body?: unknown, withAuth = true): Promise<JsonResponse> {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    if (this.auth && withAuth) headers.Authorization = this.auth;
    return new Promise((resolve, reject) => {
      const req = http.request(
        { hostname: this.url.hostname, port: this.url.port, path: this.url.pathname + path, method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload ?? undefined);
    });
  }

  /** Sends a request and fails unless the status is 2xx; returns the body. */
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    if (res.status < 200 || res.status >= 300) {
      throw new HttpStatusError(res.status, method, path, typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
    }
    return res.body as T;
  }

  /** Posts a multipart form (a deployment, say) with the same credentials; fails unless 2xx. */
  async postForm(path: string, form: FormData): Promise<unknown> {
    const res = await fetch(this.url.href + path, { method: 'POST', body: form, headers: this.auth ? { Authorization: this.auth } : {} });
    const text = await res.text();
    if (!res.ok) throw new HttpStatusError(res.status, 'POST', path, text);
    return text ? JSON.parse(text) : null;
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}
