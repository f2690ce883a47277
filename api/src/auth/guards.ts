/**
 * Access rules applied by the routes, on every read and every mutation (not only in list
 * queries): who may see and act on a task, read or start a definition, see instances and
 * history, deploy. List queries get the same rules as SQL conditions.
 */
import type { Request } from 'express';
import type { TaskRecord } from '@baton/engine';
import { HttpError } from '../http/error-mapping';
import type { SqlFilter } from '../http/sql-filter';
import { principalOf } from './authenticator';
import { grantedIds, isGranted, Resource, type Principal } from './permissions';

function forbidden(message: string): HttpError {
  return new HttpError(403, 'AuthorizationException', message);
}

/** True when the principal may see the task. */
export function canSeeTask(p: Principal, t: TaskRecord): boolean {
  return (
    p.admin ||
    t.assignee === p.userId ||
    t.owner === p.userId ||
    t.candidateUsers.includes(p.userId) ||
    t.candidateGroups.some((g) => p.groups.includes(g)) ||
    isGranted(p, Resource.TASK, t.id, 'READ')
  );
}

/** 403 unless the user may see the task. */
export function requireTaskVisible(req: Request, t: TaskRecord): Principal {
  const p = principalOf(req);
  if (!canSeeTask(p, t)) throw forbidden(`The user with id '${p.userId}' does not have 'READ' permission on resource '${t.id}' of type 'Task'.`);
  return p;
}

/**
 * 403 unless the user may work on the task: they see it, and it is unassigned or theirs
 * (or they are admin / hold UPDATE on it). Completing someone else's claimed task is refused.
 */
export function requireTaskWork(req: Request, t: TaskRecord): Principal {
  const p = requireTaskVisible(req, t);
  const privileged = p.admin || isGranted(p, Resource.TASK, t.id, 'UPDATE');
  if (t.assignee && t.assignee !== p.userId && !privileged) {
    throw forbidden(`The task '${t.id}' is assigned to '${t.assignee}'; the user with id '${p.userId}' may not work on it.`);
  }
  return p;
}

/** 403 unless the user may reassign the task (assignee, owner, admin, or UPDATE grant). */
export function requireTaskAssign(req: Request, t: TaskRecord): Principal {
  const p = requireTaskVisible(req, t);
  const mayAssign = p.admin || isGranted(p, Resource.TASK, t.id, 'UPDATE') || t.assignee === p.userId || t.owner === p.userId;
  if (!mayAssign) throw forbidden(`The user with id '${p.userId}' does not have 'UPDATE' permission on task '${t.id}'.`);
  return p;
}

/** Restricts a task query to the tasks the user may see. */
export function restrictTasks(req: Request, f: SqlFilter): void {
  const p = principalOf(req);
  const ids = grantedIds(p, Resource.TASK, 'READ');
  if (ids === '*') return;
  // Every arm has an index (user_task_owner_idx: migration 0016), so PostgreSQL can answer the
  // OR with a bitmap instead of reading the table. The grant arm only when there are grants:
  // `id = ANY('{}')` is false, but the planner still gives it an index scan of its own.
  const arms = '(assignee = ? OR owner = ? OR candidate_users @> ARRAY[?::text] OR candidate_groups && ?::text[]';
  const values = [p.userId, p.userId, p.userId, [...p.groups]];
  if (ids.length) f.addAll(`${arms} OR id = ANY(?::text[]))`, [...values, ids]);
  else f.addAll(`${arms})`, values);
}

/** 403 unless the user has `permission` on the process definition key. */
export function requireDefinition(req: Request, key: string, permission: 'READ' | 'UPDATE' | 'DELETE' | 'CREATE_INSTANCE' | 'READ_INSTANCE' | 'READ_HISTORY' | 'DELETE_INSTANCE' | 'UPDATE_INSTANCE' | 'DELETE_HISTORY'): Principal {
  const p = principalOf(req);
  if (!isGranted(p, Resource.PROCESS_DEFINITION, key, permission)) {
    throw forbidden(`The user with id '${p.userId}' does not have '${permission}' permission on resource '${key}' of type 'ProcessDefinition'.`);
  }
  return p;
}

/** Restricts a query on rows with a definition key column to readable definitions. */
export function restrictByDefinitionKey(req: Request, f: SqlFilter, permission: string, column = 'definition_key'): void {
  const ids = grantedIds(principalOf(req), Resource.PROCESS_DEFINITION, permission);
  if (ids !== '*') f.addAll(`${column} = ANY(?::text[])`, [ids]);
}

/** Definition keys readable with `permission` ('*' = all). */
export function definitionKeys(req: Request, permission: string): '*' | string[] {
  return grantedIds(principalOf(req), Resource.PROCESS_DEFINITION, permission);
}

/** 403 unless the user has the permission on deployments (admins do). */
export function requireDeployment(req: Request, permission: 'CREATE' | 'READ' | 'DELETE'): Principal {
  const p = principalOf(req);
  if (!isGranted(p, Resource.DEPLOYMENT, '*', permission)) {
    throw forbidden(`The user with id '${p.userId}' does not have '${permission}' permission on resource type 'Deployment'.`);
  }
  return p;
}

/** 403 unless the user is an administrator. */
export function requireAdmin(req: Request, what: string): Principal {
  const p = principalOf(req);
  if (!p.admin) throw forbidden(`Only administrators may ${what}.`);
  return p;
}
