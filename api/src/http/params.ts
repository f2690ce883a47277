/**
 * Reading query parameters and bodies with clear 400 errors that name the parameter.
 * No parameter is ever turned into SQL or an expression: values only become bind parameters.
 */
import type { Request } from 'express';
import { parseCamundaDate } from '@baton/engine';
import { HttpError } from './error-mapping';

type Source = Record<string, unknown>;

function bad(name: string, why: string): HttpError {
  return new HttpError(400, 'InvalidRequestException', `Cannot set query parameter '${name}' to value: ${why}`);
}

/** Optional string parameter. */
export function str(q: Source, name: string): string | undefined {
  const v = q[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw bad(name, 'expected a single string');
  return v;
}

/** Optional boolean parameter (`true`/`false`). */
export function bool(q: Source, name: string): boolean | undefined {
  const v = q[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw bad(name, `'${String(v)}' is not a boolean`);
}

/** Optional integer parameter. */
export function int(q: Source, name: string): number | undefined {
  const v = q[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw bad(name, `'${String(v)}' is not an integer`);
  return n;
}

/** Optional date parameter in Camunda's format. */
export function date(q: Source, name: string): Date | undefined {
  const v = str(q, name);
  if (v === undefined) return undefined;
  const d = parseCamundaDate(v);
  if (!d) throw bad(name, `'${v}' is not a date (yyyy-MM-dd'T'HH:mm:ss.SSSZ)`);
  return d;
}

/** Optional comma-separated list. */
export function list(q: Source, name: string): string[] | undefined {
  const v = q[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string') throw bad(name, 'expected a comma-separated list');
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Paging: firstResult ≥ 0, 0 ≤ maxResults ≤ cap (default cap). */
export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** Reads firstResult/maxResults; a maxResults above the cap is an error, never unbounded. */
export function page(q: Source, cap: number): Page {
  const offset = int(q, 'firstResult') ?? 0;
  const limit = int(q, 'maxResults') ?? cap;
  if (offset < 0) throw bad('firstResult', 'must be ≥ 0');
  if (limit < 0) throw bad('maxResults', 'must be ≥ 0');
  if (limit > cap) throw bad('maxResults', `must be ≤ ${cap} (BATON_MAX_RESULTS)`);
  return { offset, limit };
}

/**
 * Sort order: sortBy from an allow-list mapped to columns; sortOrder asc/desc; ties broken by
 * `tiebreak`. A POST query's `sorting` array (Camunda's body form) lists several, in rank order.
 */
export function sort(q: Source, columns: Record<string, string>, fallback: string, tiebreak = 'id'): string {
  if (Array.isArray(q.sorting) && q.sorting.length > 0) {
    const keys = q.sorting.map((entry: unknown) => {
      const key = entry && typeof entry === 'object' ? orderBy(entry as Source, columns) : null;
      if (!key) throw bad('sorting', 'each entry needs a sortBy');
      return key;
    });
    return [...keys, tiebreak].join(', ');
  }
  const key = orderBy(q, columns);
  return key ? `${key}, ${tiebreak}` : fallback;
}

/** `column ASC|DESC` of one sortBy/sortOrder pair; null without sortBy. */
function orderBy(q: Source, columns: Record<string, string>): string | null {
  const by = str(q, 'sortBy');
  const order = str(q, 'sortOrder');
  if (by === undefined) {
    if (order !== undefined) throw bad('sortOrder', 'only valid together with sortBy');
    return null;
  }
  const column = Object.hasOwn(columns, by) ? columns[by] : undefined;
  if (!column) throw bad('sortBy', `'${by}' is not one of ${Object.keys(columns).join(', ')}`);
  if (order !== undefined && order !== 'asc' && order !== 'desc') throw bad('sortOrder', `'${order}' is not asc or desc`);
  return `${column} ${order === 'desc' ? 'DESC' : 'ASC'}`;
}

/** A field that must be a string (400 naming it otherwise). */
export function requiredString(q: Source, name: string): string {
  const v = q[name];
  if (typeof v !== 'string') throw new HttpError(400, 'InvalidRequestException', `'${name}' must be a string`);
  return v;
}

/**
 * A POST query's parameters: the body's properties, else the query string's (paging travels
 * there). Read through, not copied, so that http/parameter-reads.ts sees which ones are read.
 */
export function bodyOverQuery(req: { query: unknown; body?: unknown }): Source {
  const query = (req.query ?? {}) as Source;
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Source;
  const from = (k: string) => (Object.hasOwn(body, k) ? body : query);
  return new Proxy({} as Source, {
    get: (_t, k) => (typeof k === 'string' ? from(k)[k] : undefined),
    has: (_t, k) => typeof k === 'string' && k in from(k),
    ownKeys: () => [...new Set([...Reflect.ownKeys(query), ...Reflect.ownKeys(body)])],
    getOwnPropertyDescriptor: (_t, k) => (typeof k === 'string' && k in from(k) ? { value: from(k)[k], enumerable: true, configurable: true, writable: true } : undefined),
  });
}

/** The JSON body as an object (an absent body is `{}`). */
export function body(req: Request): Source {
  const b: unknown = req.body;
  if (b === undefined || b === null || b === '') return {};
  if (typeof b !== 'object' || Array.isArray(b)) throw new HttpError(400, 'InvalidRequestException', 'Request body must be a JSON object');
  return b as Source;
}
