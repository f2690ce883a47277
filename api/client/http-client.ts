/**
 * The browser/Node HTTP client of Baton's REST API: session cookie + CSRF header, Camunda
 * error bodies turned into ApiError. Feature modules (tasks, definitions, …) build on `request`.
 */
import type { ErrorDto } from './contract';

/** An error answered by the server, with its Camunda error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorDto,
  ) {
    super(body.message || `HTTP ${status}`);
  }
}

/** Options of one request. */
export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly query?: Record<string, string | number | boolean | undefined | null>;
  readonly body?: unknown;
  /** Raw body (e.g. FormData for deployments); `body` is ignored when set. */
  readonly rawBody?: RequestInit['body'];
}

/** A client bound to a server origin ('' for same-origin in the browser). */
export class HttpClient {
  private csrfToken: string | null = null;

  constructor(
    readonly origin = '',
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** Remembers the CSRF token returned by login / me. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** Sends a request to `path` (e.g. `/engine-rest/task`); parses JSON; throws ApiError on ≥ 400. */
  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const method = options.method ?? 'GET';
    const here = (globalThis as { location?: { origin: string } }).location?.origin;
    const url = new URL(this.origin + path, this.origin || here || 'http://localhost');
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    // X-Requested-With: a 401 then carries no Basic challenge, so no browser login dialog (authenticator.ts).
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (method !== 'GET' && this.csrfToken) headers['X-XSRF-TOKEN'] = this.csrfToken;
    let body: RequestInit['body'] | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await this.fetchImpl(this.origin ? url.toString() : url.pathname + url.search, { method, headers, body, credentials: 'same-origin' });
    const text = await res.text();
    const parsed: unknown = text ? safeJson(text) : null;
    if (!res.ok) {
      const err = (parsed && typeof parsed === 'object' ? parsed : { type: 'HttpError', message: text || res.statusText }) as ErrorDto;
      throw new ApiError(res.status, err);
    }
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
