/**
 * Baton additions for the tasklist app under /engine-rest/tasklist: one call per list view
 * (built-in lists or a saved filter, search, sort, page → items and total), the badge
 * counts, one task as a list row, and the change version that clients poll with If-None-Match for live updates.
 */
import { Router, type Request } from 'express';
import { NotFoundError } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { page, str } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { principalOf } from '../../auth/authenticator';
import { isGranted, Resource } from '../../auth/permissions';
import { requireTaskVisible } from '../../auth/guards';
import { resolveFilterQuery } from './filter-query';
import { FilterStore } from './filter-store';
import { countEachList, countListTasks, listTasks } from './task-list-query';

/** The built-in lists. */
export const BUILT_IN_LISTS = ['mine', 'group', 'unassigned', 'all'] as const;

/** Query parameters of a built-in list for the signed-in user. */
function builtInQuery(req: Request, list: string): Record<string, unknown> {
  const p = principalOf(req);
  switch (list) {
    case 'mine':
      return { assignee: p.userId };
    case 'group':
      // Camunda's "My group tasks": unassigned tasks of the user's candidate groups (a candidate query leaves assigned ones out).
      return { candidateGroups: [...p.groups] };
    case 'unassigned':
      return { unassigned: true };
    case 'all':
      return {};
    default:
      throw new HttpError(400, 'InvalidRequestException', `Unknown list '${list}': use one of ${BUILT_IN_LISTS.join(', ')} or filterId`);
  }
}

/** Tasklist routes. */
export function taskListRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;
  const filters = new FilterStore(pool, ctx.identity);

  const baseQuery = async (req: Request): Promise<Record<string, unknown>> => {
    const filterId = str(req.query, 'filterId');
    if (!filterId) return builtInQuery(req, str(req.query, 'list') ?? 'all');
    const f = await filters.get(filterId);
    if (!f) throw new NotFoundError(`Filter with id '${filterId}' does not exist.`);
    const p = principalOf(req);
    if (!(p.admin || f.owner === p.userId || isGranted(p, Resource.FILTER, f.id, 'READ'))) {
      throw new HttpError(403, 'AuthorizationException', `The user with id '${p.userId}' may not use filter '${f.id}'.`);
    }
    return resolveFilterQuery(f.query, p);
  };

  r.get('/tasklist/tasks', async (req, res) => {
    const q = { ...(await baseQuery(req)) };
    for (const k of ['sortBy', 'sortOrder'] as const) if (req.query[k] !== undefined) q[k] = req.query[k];
    const search = str(req.query, 'search');
    const [items, count] = await Promise.all([
      listTasks(ctx, req, q, page(req.query, ctx.config.maxResults), search),
      countListTasks(ctx, req, q, search),
    ]);
    sendJson(res, { items, count });
  });

  r.get('/tasklist/tasks/:id', async (req, res) => {
    const t = await ctx.engine.reads.getTask(req.params.id);
    if (!t) throw new NotFoundError(`No matching task with id ${req.params.id}`);
    requireTaskVisible(req, t);
    const [item] = await listTasks(ctx, req, { taskId: t.id }, { offset: 0, limit: 1 });
    if (!item) throw new NotFoundError(`No matching task with id ${req.params.id}`);
    sendJson(res, item);
  });

  r.get('/tasklist/counts', async (req, res) => {
    sendJson(res, await countEachList(ctx, req, Object.fromEntries(BUILT_IN_LISTS.map((l) => [l, builtInQuery(req, l)]))));
  });

  r.get('/tasklist/version', async (req, res) => {
    // The sequence is bumped by a trigger on every change of user_task, on every node.
    const row = (await pool.query('SELECT last_value, is_called FROM task_change_seq')).rows[0] as { last_value: string; is_called: boolean };
    const version = row.is_called ? String(row.last_value) : '0';
    const etag = `"tasks-${version}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.get('If-None-Match') === etag) return void res.status(304).end();
    sendJson(res, { version });
  });
  return r;
}
