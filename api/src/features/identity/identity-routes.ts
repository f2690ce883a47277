/**
 * Identity (Camunda 7): users, groups, memberships, /identity/verify and /identity/groups,
 * and authorizations. Reading users and groups needs a signed-in user; changing them needs
 * an administrator (users may edit their own profile and password).
 */
import { Router, type Request } from 'express';
import { NotFoundError } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { checkPassword, passwordPolicyRules, type PasswordProfile } from '../../auth/password-policy';
import { body, list, page, sort, str } from '../../http/params';
import { GROUP_ORDER, USER_ORDER, type GroupFilter, type UserFilter } from '../../auth/identity-store';
import { HttpError } from '../../http/error-mapping';
import { principalOf } from '../../auth/authenticator';
import { requireAdmin } from '../../auth/guards';
import type { Principal } from '../../auth/permissions';
import { authorizationRoutes } from './authorization-routes';

function text(b: Record<string, unknown>, name: string, required = false): string | null {
  const v = b[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw new HttpError(400, 'InvalidRequestException', `'${name}' is required`);
    return null;
  }
  if (typeof v !== 'string') throw new HttpError(400, 'InvalidRequestException', `'${name}' must be a string`);
  return v;
}

function requireSelfOrAdmin(req: Request, userId: string): Principal {
  const p = principalOf(req);
  if (!p.admin && p.userId !== userId) throw new HttpError(403, 'AuthorizationException', `Only administrators may change other users`);
  return p;
}

/** Identity routes. */
export function identityRoutes(ctx: ApiContext): Router {
  const r = Router();
  const store = ctx.identity;
  const changed = () => ctx.auth.principals.invalidate();
  const userFilter = (q: Record<string, unknown>): UserFilter => ({
    id: str(q, 'id'), idIn: list(q, 'idIn'), firstName: str(q, 'firstName'), firstNameLike: str(q, 'firstNameLike'), lastName: str(q, 'lastName'),
    lastNameLike: str(q, 'lastNameLike'), email: str(q, 'email'), emailLike: str(q, 'emailLike'), memberOfGroup: str(q, 'memberOfGroup'),
    potentialStarter: str(q, 'potentialStarter'),
  });
  const cap = ctx.config.maxResults;
  const enforcePolicy = (password: string, profile: PasswordProfile) => {
    if (ctx.config.passwordPolicy && !checkPassword(password, profile).valid) {
      throw new HttpError(400, 'InvalidRequestException', 'Password does not match policy: at least 10 characters with lowercase and uppercase letters, a digit and a special character, not containing the user id, names or email');
    }
  };

  r.get('/user', async (req, res) => sendJson(res, await store.listUsers(userFilter(req.query), page(req.query, cap), sort(req.query, USER_ORDER, 'u.id', 'u.id'))));
  r.get('/user/count', async (req, res) => sendJson(res, { count: (await store.listUsers(userFilter(req.query), { offset: 0, limit: 1_000_000 })).length }));
  r.get('/user/:id/profile', async (req, res) => {
    const u = await store.getUser(req.params.id);
    if (!u) throw new NotFoundError(`User with id ${req.params.id} does not exist`);
    sendJson(res, u);
  });
  r.post('/user/create', async (req, res) => {
    requireAdmin(req, 'create users');
    const b = body(req);
    const profile = (b.profile ?? {}) as Record<string, unknown>;
    const password = text((b.credentials ?? {}) as Record<string, unknown>, 'password', true)!;
    const id = text(profile, 'id', true)!;
    enforcePolicy(password, { id, firstName: text(profile, 'firstName'), lastName: text(profile, 'lastName'), email: text(profile, 'email') });
    if (await store.getUser(id)) throw new HttpError(400, 'InvalidRequestException', `User with id ${id} already exists`);
    await store.createUser({ id, firstName: text(profile, 'firstName'), lastName: text(profile, 'lastName'), email: text(profile, 'email') }, password);
    changed();
    sendNoContent(res);
  });
  r.put('/user/:id/profile', async (req, res) => {
    requireSelfOrAdmin(req, req.params.id);
    const b = body(req);
    const ok = await store.updateProfile({ id: req.params.id, firstName: text(b, 'firstName'), lastName: text(b, 'lastName'), email: text(b, 'email') });
    if (!ok) throw new NotFoundError(`User with id ${req.params.id} does not exist`);
    changed();
    sendNoContent(res);
  });
  r.put('/user/:id/credentials', async (req, res) => {
    const p = requireSelfOrAdmin(req, req.params.id);
    const b = body(req);
    const password = text(b, 'password', true)!;
    const confirm = text(b, 'authenticatedUserPassword', true)!;
    if (!(await ctx.auth.principals.verify(p.userId, confirm))) throw new HttpError(400, 'InvalidRequestException', 'The given authenticated user password is not valid.');
    enforcePolicy(password, (await store.getUser(req.params.id)) ?? { id: req.params.id });
    if (!(await store.setPassword(req.params.id, password))) throw new NotFoundError(`User with id ${req.params.id} does not exist`);
    changed();
    sendNoContent(res);
  });
  r.post('/user/:id/unlock', async (req, res) => {
    requireAdmin(req, 'unlock users');
    if (!(await store.getUser(req.params.id))) throw new NotFoundError(`User with id ${req.params.id} does not exist`);
    ctx.auth.throttle.unlock(req.params.id);
    sendNoContent(res);
  });
  r.delete('/user/:id', async (req, res) => {
    requireAdmin(req, 'delete users');
    if (!(await store.deleteUser(req.params.id))) throw new NotFoundError(`User with id ${req.params.id} does not exist`);
    changed();
    sendNoContent(res);
  });

  const groupFilter = (q: Record<string, unknown>): GroupFilter => ({
    id: str(q, 'id'), idIn: list(q, 'idIn'), name: str(q, 'name'), nameLike: str(q, 'nameLike'), type: str(q, 'type'), member: str(q, 'member'),
  });
  r.get('/group', async (req, res) => sendJson(res, await store.listGroups(groupFilter(req.query), page(req.query, cap), sort(req.query, GROUP_ORDER, 'g.id', 'g.id'))));
  r.post('/group', async (req, res) => sendJson(res, await store.listGroups(groupFilter(body(req)), page(req.query, cap), sort(body(req), GROUP_ORDER, 'g.id', 'g.id'))));
  r.post('/group/count', async (req, res) => sendJson(res, { count: (await store.listGroups(groupFilter(body(req)), { offset: 0, limit: 1_000_000 })).length }));
  r.get('/group/count', async (req, res) => sendJson(res, { count: (await store.listGroups(groupFilter(req.query), { offset: 0, limit: 1_000_000 })).length }));
  r.get('/group/:id', async (req, res) => {
    const g = await store.getGroup(req.params.id);
    if (!g) throw new NotFoundError(`Group with id ${req.params.id} does not exist`);
    sendJson(res, g);
  });
  r.post('/group/create', async (req, res) => {
    requireAdmin(req, 'create groups');
    const b = body(req);
    const id = text(b, 'id', true)!;
    if (await store.getGroup(id)) throw new HttpError(400, 'InvalidRequestException', `Group with id ${id} already exists`);
    await store.createGroup({ id, name: text(b, 'name'), type: text(b, 'type') });
    sendNoContent(res);
  });
  r.put('/group/:id', async (req, res) => {
    requireAdmin(req, 'change groups');
    const b = body(req);
    if (!(await store.updateGroup({ id: req.params.id, name: text(b, 'name'), type: text(b, 'type') }))) throw new NotFoundError(`Group with id ${req.params.id} does not exist`);
    sendNoContent(res);
  });
  r.delete('/group/:id', async (req, res) => {
    requireAdmin(req, 'delete groups');
    if (!(await store.deleteGroup(req.params.id))) throw new NotFoundError(`Group with id ${req.params.id} does not exist`);
    changed();
    sendNoContent(res);
  });
  r.put('/group/:id/members/:userId', async (req, res) => {
    requireAdmin(req, 'change group memberships');
    if (!(await store.getGroup(req.params.id))) throw new NotFoundError(`Group with id ${req.params.id} does not exist`);
    if (!(await store.getUser(req.params.userId))) throw new NotFoundError(`User with id ${req.params.userId} does not exist`);
    await store.addMember(req.params.id, req.params.userId);
    changed();
    sendNoContent(res);
  });
  r.delete('/group/:id/members/:userId', async (req, res) => {
    requireAdmin(req, 'change group memberships');
    await store.removeMember(req.params.id, req.params.userId);
    changed();
    sendNoContent(res);
  });

  const requirePolicy = () => {
    if (!ctx.config.passwordPolicy) throw new NotFoundError('No password policy is configured (set BATON_PASSWORD_POLICY=on)');
  };
  r.get('/identity/password-policy', (_req, res) => {
    requirePolicy();
    sendJson(res, { rules: passwordPolicyRules() });
  });
  r.post('/identity/password-policy', (req, res) => {
    requirePolicy();
    const b = body(req);
    const profile = (b.profile ?? {}) as Record<string, unknown>;
    sendJson(res, checkPassword(text(b, 'password', true)!, { id: text(profile, 'id'), firstName: text(profile, 'firstName'), lastName: text(profile, 'lastName'), email: text(profile, 'email') }));
  });

  r.post('/identity/verify', async (req, res) => {
    const b = body(req);
    const username = text(b, 'username', true)!;
    const ok = await ctx.auth.principals.verify(username, text(b, 'password', true)!);
    sendJson(res, { authenticatedUser: username, authenticated: ok !== null });
  });
  r.get('/identity/groups', async (req, res) => {
    const userId = str(req.query, 'userId');
    if (!userId) throw new HttpError(400, 'InvalidRequestException', "No user id was supplied");
    const groups = await store.listGroups({ member: userId }, { offset: 0, limit: cap });
    const colleagues = await store.usersInGroups(groups.map((g) => g.id), userId, cap);
    sendJson(res, {
      groups: groups.map((g) => ({ id: g.id, name: g.name })),
      groupUsers: colleagues.map((u) => ({ id: u.id, firstName: u.firstName, lastName: u.lastName, displayName: [u.firstName, u.lastName].filter(Boolean).join(' ') || u.id })),
    });
  });

  r.use(authorizationRoutes(ctx));
  return r;
}
