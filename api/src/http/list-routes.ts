/**
 * The four routes of a Camunda list resource — `GET`/`POST /x` (one page) and `GET`/`POST
 * /x/count` — from one filter, one table and one DTO. POST takes the query as a JSON body; paging
 * (`firstResult`/`maxResults`) always comes from the query string, as in Camunda 7.
 */
import type { Request, Router } from 'express';
import type { Pool } from 'pg';
import { sendJson } from './json';
import { body, page } from './params';
import type { SqlFilter } from './sql-filter';

/** What a list resource is made of. */
export interface ListResource {
  readonly from: string;
  readonly filter: (req: Request, q: Record<string, unknown>) => SqlFilter;
  readonly order: (q: Record<string, unknown>) => string;
  readonly dto: (row: Record<string, unknown>) => unknown;
}

/** Mounts list and count (GET and POST) of `path` on the router. */
export function mountListRoutes(r: Router, path: string, pool: Pool, maxResults: number, resource: ListResource): void {
  const list = async (req: Request, q: Record<string, unknown>) =>
    (await resource.filter(req, q).page(pool, resource.from, resource.order(q), page(req.query, maxResults))).map(resource.dto);
  const count = async (req: Request, q: Record<string, unknown>) => ({ count: await resource.filter(req, q).count(pool, resource.from) });
  r.get(path, async (req, res) => sendJson(res, await list(req, req.query)));
  r.post(path, async (req, res) => sendJson(res, await list(req, body(req))));
  r.get(`${path}/count`, async (req, res) => sendJson(res, await count(req, req.query)));
  r.post(`${path}/count`, async (req, res) => sendJson(res, await count(req, body(req))));
}
