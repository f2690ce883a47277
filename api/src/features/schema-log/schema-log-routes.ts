/** Schema log (Camunda 7): the applied database migrations, from TypeORM's migrations table. */
import { Router, type Request } from 'express';
import { formatCamundaDate } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { body, page, str } from '../../http/params';

/** Schema log routes. */
export function schemaLogRoutes(ctx: ApiContext): Router {
  const r = Router();
  const query = async (req: Request, q: Record<string, unknown>) => {
    const p = page(req.query, ctx.config.maxResults);
    const rows = await ctx.store.pool.query(
      `SELECT id, timestamp, name FROM baton_migrations WHERE ($1::text IS NULL OR name = $1) ORDER BY timestamp DESC LIMIT $2 OFFSET $3`,
      [str(q, 'version') ?? null, p.limit, p.offset],
    );
    return rows.rows.map((row) => ({ id: String(row.id), timestamp: formatCamundaDate(new Date(Number(row.timestamp))), version: row.name as string }));
  };
  r.get('/schema/log', async (req, res) => sendJson(res, await query(req, req.query)));
  r.post('/schema/log', async (req, res) => sendJson(res, await query(req, body(req))));
  return r;
}
