/**
 * Task operations the tasklist needs beyond the task feature: PUT /task/{id} (name,
 * description, due, follow-up, priority), POST /task/{id}/delegate, and
 * GET /task/{id}/identity-links (assignee, owner, candidate users and groups).
 */
import { Router, type Request } from 'express';
import { NotFoundError, parseCamundaDate, type TaskRecord } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { requireTaskAssign, requireTaskVisible } from '../../auth/guards';
import type { TaskFieldChanges } from '@baton/engine';

const bad = (message: string) => new HttpError(400, 'InvalidRequestException', message);

function dateField(b: Record<string, unknown>, name: string): Date | null | undefined {
  const v = b[name];
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  const d = typeof v === 'string' ? parseCamundaDate(v) : null;
  if (!d) throw bad(`'${name}' must be a date like 2024-01-31T09:15:00.000+0000`);
  return d;
}

function textField(b: Record<string, unknown>, name: string): string | null | undefined {
  const v = b[name];
  if (v === undefined || v === null) return v;
  if (typeof v !== 'string') throw bad(`'${name}' must be a string`);
  return v;
}

/** Task action routes. */
export function taskActionRoutes(ctx: ApiContext): Router {
  const r = Router();
  const task = async (req: Request): Promise<TaskRecord> => {
    const t = await ctx.engine.reads.getTask(String(req.params.id));
    if (!t) throw new NotFoundError(`No matching task with id ${String(req.params.id)}`);
    return t;
  };

  r.get('/task/:id/identity-links', async (req, res) => {
    const t = await task(req);
    requireTaskVisible(req, t);
    const type = typeof req.query.type === 'string' ? req.query.type : undefined;
    const links = [
      ...(t.assignee ? [{ userId: t.assignee, groupId: null, type: 'assignee' }] : []),
      ...(t.owner ? [{ userId: t.owner, groupId: null, type: 'owner' }] : []),
      ...t.candidateUsers.map((u) => ({ userId: u, groupId: null, type: 'candidate' })),
      ...t.candidateGroups.map((g) => ({ userId: null, groupId: g, type: 'candidate' })),
    ];
    sendJson(res, links.filter((l) => !type || l.type === type));
  });

  /** Camunda's identity link change: assignee, owner or candidate user/group. */
  const linkChange = (t: TaskRecord, b: Record<string, unknown>, add: boolean): TaskFieldChanges => {
    const userId = typeof b.userId === 'string' && b.userId ? b.userId : null;
    const groupId = typeof b.groupId === 'string' && b.groupId ? b.groupId : null;
    if ((userId === null) === (groupId === null)) throw bad("Exactly one of 'userId' and 'groupId' must be set");
    const type = b.type;
    if (type === 'assignee' || type === 'owner') {
      if (!userId) throw bad(`A '${type}' link needs a userId`);
      return { [type]: add ? userId : null };
    }
    if (type !== 'candidate') throw bad("'type' must be candidate, assignee or owner");
    const edit = (list: string[], id: string) => (add ? [...new Set([...list, id])] : list.filter((x) => x !== id));
    return userId ? { candidateUsers: edit(t.candidateUsers, userId) } : { candidateGroups: edit(t.candidateGroups, groupId!) };
  };

  r.post('/task/:id/identity-links', async (req, res) => {
    const t = await task(req);
    requireTaskAssign(req, t);
    await ctx.engine.updateTask(t.id, linkChange(t, body(req), true));
    sendNoContent(res);
  });

  r.post('/task/:id/identity-links/delete', async (req, res) => {
    const t = await task(req);
    requireTaskAssign(req, t);
    await ctx.engine.updateTask(t.id, linkChange(t, body(req), false));
    sendNoContent(res);
  });

  r.put('/task/:id', async (req, res) => {
    const t = await task(req);
    requireTaskAssign(req, t);
    const b = body(req);
    const priority = b.priority;
    if (priority !== undefined && (typeof priority !== 'number' || !Number.isInteger(priority))) throw bad("'priority' must be an integer");
    const delegationState = b.delegationState;
    if (delegationState !== undefined && delegationState !== null && delegationState !== 'PENDING' && delegationState !== 'RESOLVED') {
      throw bad("'delegationState' must be PENDING or RESOLVED");
    }
    // Camunda 7's update sets every field of the body; a field left out stays as it is here
    // (Camunda would clear it), so that a client sending only a new name loses nothing.
    const changes: TaskFieldChanges = {
      name: textField(b, 'name'), description: textField(b, 'description'), due: dateField(b, 'due'), followUp: dateField(b, 'followUp'),
      priority: priority as number | undefined, assignee: textField(b, 'assignee'), owner: textField(b, 'owner'),
      ...(delegationState ? { delegationState } : {}),
    };
    await ctx.engine.updateTask(t.id, changes);
    sendNoContent(res);
  });

  r.post('/task/:id/delegate', async (req, res) => {
    const t = await task(req);
    requireTaskAssign(req, t);
    const userId = body(req).userId;
    if (typeof userId !== 'string' || !userId) throw bad("'userId' is required");
    await ctx.engine.delegateTask(t.id, userId);
    sendNoContent(res);
  });
  return r;
}
