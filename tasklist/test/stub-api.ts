/**
 * A TasklistApi over a stub fetch for component tests: answers by method + path with
 * canned bodies and records every request, so tests assert what the UI sent.
 */
import { HttpClient, TasklistApi } from '@baton/api/client';

/** One canned answer. */
export interface StubRoute {
  readonly method: string;
  readonly path: RegExp;
  readonly status?: number;
  readonly body: unknown | ((request: { url: URL; body: unknown }) => unknown);
}

/** A recorded request. */
export interface SentRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: unknown;
}

/** Builds the API and the list of sent requests. */
export function stubApi(routes: StubRoute[]): { api: TasklistApi; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://stub');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    sent.push({ method, url, body });
    const route = routes.find((r) => r.method === method && r.path.test(url.pathname));
    if (!route) return new Response(JSON.stringify({ type: 'NotFound', message: `no stub for ${method} ${url.pathname}` }), { status: 404 });
    const payload = typeof route.body === 'function' ? (route.body as (r: { url: URL; body: unknown }) => unknown)({ url, body }) : route.body;
    return new Response(payload === undefined ? null : JSON.stringify(payload), { status: route.status ?? (payload === undefined ? 204 : 200), headers: { 'Content-Type': 'application/json' } });
  };
  return { api: new TasklistApi(new HttpClient('http://stub', fetchImpl)), sent };
}
