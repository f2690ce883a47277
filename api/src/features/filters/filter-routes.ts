/**
 * Camunda 7's /filter resource for task filters: list, count, create, get, update, delete,
 * and the filter's tasks (list, count, singleResult; a POST body extends the saved query).
 * Baton addition: GET/PUT /filter/{id}/shares (groups that may use the filter).
 * A user sees their own filters, filters shared with one of their groups, and all as admin.
 */
import { Router, type Request } from 'express';
import { NotFoundError } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body, bool, page, str } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { principalOf } from '../../auth/authenticator';
import { grantedIds, isGranted, Resource, type Principal } from '../../auth/permissions';
import { checkFilterQuery, resolveFilterQuery } from './filter-query';
import { FilterStore, type FilterRecord } from './filter-store';
import { countEachList, countListTasks, listTasks } from './task-list-query';

const forbidden = (p: Principal, what: string, id: string) =>
  new HttpError(403, 'AuthorizationException', `The user with id '${p.userId}' does not have '${what}' permission on resource '${id}' of type 'Filter'.`);

function canRead(p: Principal, f: FilterRecord): boolean {
  return p.admin || f.owner === p.userId || isGranted(p, Resource.FILTER, f.id, 'READ');
}

function canEdit(p: Principal, f: FilterRecord): boolean {
  return p.admin || f.owner === p.userId || isGranted(p, Resource.FILTER, f.id, 'UPDATE');
}

/** Filter routes. */
export function filterRoutes(ctx: ApiContext): Router {
  const r = Router();
  const store = new FilterStore(ctx.store.pool, ctx.identity);

  const readable = async (req: Request): Promise<FilterRecord> => {
    const f = await store.get(String(req.params.id));
    if (!f) throw new NotFoundError(`Filter with id '${String(req.params.id)}' does not exist.`);
    const p = principalOf(req);
    if (!canRead(p, f)) throw forbidden(p, 'READ', f.id);
    return f;
  };
  const editable = async (req: Request): Promise<FilterRecord> => {
    const f = await readable(req);
    const p = principalOf(req);
    if (!canEdit(p, f)) throw forbidden(p, 'UPDATE', f.id);
    return f;
  };
  const taskQuery = (req: Request, f: FilterRecord, extend: Record<string, unknown>) => ({ ...resolveFilterQuery(f.query, principalOf(req)), ...extend });
  const dtoWith = (f: FilterRecord, itemCount: number | undefined) => ({
    id: f.id, resourceType: f.resourceType, name: f.name, owner: f.owner, query: f.query, properties: f.properties,
    ...(itemCount === undefined ? {} : { itemCount }),
  });
  const dto = async (req: Request, f: FilterRecord, withCount: boolean) =>
    dtoWith(f, withCount ? await countListTasks(ctx, req, taskQuery(req, f, {})) : undefined);
  const fields = (req: Request, current: FilterRecord | null): Omit<FilterRecord, 'id'> => {
    const b = body(req);
    const p = principalOf(req);
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name) throw new HttpError(400, 'InvalidRequestException', "A filter needs a 'name'");
    const resourceType = b.resourceType ?? current?.resourceType ?? 'Task';
    if (resourceType !== 'Task') throw new HttpError(400, 'InvalidRequestException', `Filters of resource type '${String(resourceType)}' are not supported`);
    const owner = b.owner === undefined ? (current?.owner ?? p.userId) : (b.owner as string | null);
    if (owner !== p.userId && owner !== current?.owner && !p.admin) throw new HttpError(403, 'AuthorizationException', 'Only administrators may set another owner');
    const properties = b.properties && typeof b.properties === 'object' && !Array.isArray(b.properties) ? (b.properties as Record<string, unknown>) : {};
    return { resourceType, name, owner, query: checkFilterQuery(b.query), properties };
  };
  const visible = async (req: Request) => {
    const p = principalOf(req);
    const q = req.query;
    return store.list({ owner: p.userId, ids: grantedIds(p, Resource.FILTER, 'READ') }, {
      name: str(q, 'name'), nameLike: str(q, 'nameLike'), owner: str(q, 'owner'), resourceType: str(q, 'resourceType'),
    });
  };

  r.get('/filter', async (req, res) => {
    const p = page(req.query, ctx.config.maxResults);
    const rows = (await visible(req)).slice(p.offset, p.offset + p.limit);
    // Item counts of all listed filters in one pass over the user's visible tasks.
    const counts = bool(req.query, 'itemCount') === true ? await countEachList(ctx, req, Object.fromEntries(rows.map((f) => [f.id, taskQuery(req, f, {})]))) : {};
    sendJson(res, rows.map((f) => dtoWith(f, counts[f.id])));
  });
  r.get('/filter/count', async (req, res) => sendJson(res, { count: (await visible(req)).length }));
  r.post('/filter/create', async (req, res) => sendJson(res, await dto(req, await store.create(fields(req, null)), false)));
  r.get('/filter/:id', async (req, res) => sendJson(res, await dto(req, await readable(req), bool(req.query, 'itemCount') === true)));
  r.put('/filter/:id', async (req, res) => {
    const f = await editable(req);
    await store.update({ ...fields(req, f), id: f.id });
    sendNoContent(res);
  });
  r.delete('/filter/:id', async (req, res) => {
    await store.delete((await editable(req)).id);
    ctx.auth.principals.invalidate();
    sendNoContent(res);
  });

  for (const method of ['get', 'post'] as const) {
    r[method]('/filter/:id/list', async (req, res) => {
      const f = await readable(req);
      sendJson(res, await listTasks(ctx, req, taskQuery(req, f, method === 'post' ? body(req) : {}), page(req.query, ctx.config.maxResults)));
    });
    r[method]('/filter/:id/count', async (req, res) => {
      const f = await readable(req);
      sendJson(res, { count: await countListTasks(ctx, req, taskQuery(req, f, method === 'post' ? body(req) : {})) });
    });
    r[method]('/filter/:id/singleResult', async (req, res) => {
      const f = await readable(req);
      const tasks = await listTasks(ctx, req, taskQuery(req, f, method === 'post' ? body(req) : {}), { offset: 0, limit: 2 });
      if (tasks.length > 1) throw new HttpError(400, 'InvalidRequestException', 'Filter query returned more than one result');
      if (tasks.length === 0) return void res.status(204).end();
      sendJson(res, tasks[0]);
    });
  }

  r.get('/filter/:id/shares', async (req, res) => sendJson(res, { groupIds: await store.sharedGroups((await readable(req)).id) }));
  r.put('/filter/:id/shares', async (req, res) => {
    const f = await editable(req);
    const groups = body(req).groupIds;
    if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string' && g)) throw new HttpError(400, 'InvalidRequestException', "'groupIds' must be a list of group ids");
    await store.setSharedGroups(f.id, groups as string[]);
    ctx.auth.principals.invalidate();
    sendNoContent(res);
  });
  return r;
}
