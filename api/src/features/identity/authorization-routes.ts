/**
 * Authorizations (Camunda 7): list/count/get/create/update/delete (administrators; others
 * see the rules that apply to them) and /authorization/check for the signed-in user.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { NotFoundError } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body, int, list, page, str } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { principalOf } from '../../auth/authenticator';
import { requireAdmin } from '../../auth/guards';
import { isGranted, RESOURCE_NAMES } from '../../auth/permissions';
import type { AuthorizationRecord } from '../../auth/identity-store';

function dto(a: AuthorizationRecord) {
  return { id: a.id, type: a.type, permissions: a.permissions, userId: a.userId, groupId: a.groupId, resourceType: a.resourceType, resourceId: a.resourceId, links: [], removalTime: null, rootProcessInstanceId: null };
}

function parseRule(b: Record<string, unknown>, id: string): AuthorizationRecord {
  const type = b.type;
  const resourceType = b.resourceType;
  const permissions = b.permissions;
  if (type !== 0 && type !== 1 && type !== 2) throw new HttpError(400, 'InvalidRequestException', "'type' must be 0 (global), 1 (grant) or 2 (revoke)");
  if (typeof resourceType !== 'number' || !Number.isInteger(resourceType)) throw new HttpError(400, 'InvalidRequestException', "'resourceType' must be an integer");
  if (!Array.isArray(permissions) || permissions.some((x) => typeof x !== 'string')) throw new HttpError(400, 'InvalidRequestException', "'permissions' must be a list of strings");
  const userId = typeof b.userId === 'string' && b.userId ? b.userId : null;
  const groupId = typeof b.groupId === 'string' && b.groupId ? b.groupId : null;
  if (type === 0 && userId !== '*' && userId !== null) throw new HttpError(400, 'InvalidRequestException', "A global authorization applies to userId '*'");
  if (type !== 0 && (userId === null) === (groupId === null)) throw new HttpError(400, 'InvalidRequestException', "Exactly one of 'userId' and 'groupId' must be set");
  return { id, type, userId: type === 0 ? '*' : userId, groupId, resourceType, resourceId: typeof b.resourceId === 'string' && b.resourceId ? b.resourceId : '*', permissions: permissions as string[] };
}

/** Authorization routes. */
export function authorizationRoutes(ctx: ApiContext): Router {
  const r = Router();
  const store = ctx.identity;
  const filter = (req: Request) => {
    const p = principalOf(req);
    const q = req.query;
    const f = { id: str(q, 'id'), type: int(q, 'type'), userIdIn: list(q, 'userIdIn'), groupIdIn: list(q, 'groupIdIn'), resourceType: int(q, 'resourceType'), resourceId: str(q, 'resourceId') };
    return { f, visible: (a: AuthorizationRecord) => p.admin || a.type === 0 || a.userId === p.userId || (a.groupId !== null && p.groups.includes(a.groupId)) };
  };

  r.get('/authorization', async (req, res) => {
    const { f, visible } = filter(req);
    sendJson(res, (await store.listAuthorizations(f, page(req.query, ctx.config.maxResults))).filter(visible).map(dto));
  });
  r.get('/authorization/count', async (req, res) => {
    const { f, visible } = filter(req);
    sendJson(res, { count: (await store.listAuthorizations(f, { offset: 0, limit: 1_000_000 })).filter(visible).length });
  });
  r.get('/authorization/check', (req, res) => {
    const p = principalOf(req);
    const permissionName = str(req.query, 'permissionName');
    const resourceType = int(req.query, 'resourceType');
    if (!permissionName || resourceType === undefined) throw new HttpError(400, 'InvalidRequestException', "'permissionName' and 'resourceType' are required");
    const resourceId = str(req.query, 'resourceId') ?? '*';
    sendJson(res, { permissionName, resourceName: str(req.query, 'resourceName') ?? RESOURCE_NAMES[resourceType] ?? null, resourceId, authorized: isGranted(p, resourceType, resourceId, permissionName) });
  });
  r.get('/authorization/:id', async (req, res) => {
    const a = await store.getAuthorization(req.params.id);
    if (!a || !filter(req).visible(a)) throw new NotFoundError(`Authorization with id ${req.params.id} does not exist.`);
    sendJson(res, dto(a));
  });
  r.post('/authorization/create', async (req, res) => {
    requireAdmin(req, 'create authorizations');
    const rule = parseRule(body(req), randomUUID());
    await store.saveAuthorization(rule);
    ctx.auth.principals.invalidate();
    sendJson(res, dto(rule));
  });
  r.put('/authorization/:id', async (req, res) => {
    requireAdmin(req, 'change authorizations');
    if (!(await store.getAuthorization(req.params.id))) throw new NotFoundError(`Authorization with id ${req.params.id} does not exist.`);
    await store.saveAuthorization(parseRule(body(req), req.params.id));
    ctx.auth.principals.invalidate();
    sendNoContent(res);
  });
  r.delete('/authorization/:id', async (req, res) => {
    requireAdmin(req, 'delete authorizations');
    if (!(await store.deleteAuthorization(req.params.id))) throw new NotFoundError(`Authorization with id ${req.params.id} does not exist.`);
    ctx.auth.principals.invalidate();
    sendNoContent(res);
  });
  return r;
}
