/**
 * External tasks (Camunda 7 REST): fetchAndLock (long polling), complete, failure, bpmnError,
 * extendLock, unlock, lock, and the queries, retries and priority.
 */
import { Router, type Request } from 'express';
import { requireDefinition, restrictByDefinitionKey } from '../../auth/guards';
import { NotFoundError, variablesFromWire, type ExternalTaskRecord } from '@baton/engine';
import { DATE_FIELDS, fromRow } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { body, bool, int, list, sort, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { mountListRoutes } from '../../http/list-routes';
import { externalTaskDto } from './external-task-dto';
import { fetchAndLockHandler } from './fetch-and-lock';

const SORT = { id: 'id', lockExpirationTime: 'lock_expires_at', processInstanceId: 'process_instance_id', processDefinitionId: 'definition_id', processDefinitionKey: 'definition_key', taskPriority: 'priority', createTime: 'created', tenantId: 'tenant_id' };

/** External tasks are visible with READ_INSTANCE on their definition. */
function filter(req: Request, q: Record<string, unknown>): SqlFilter {
  const f = new SqlFilter();
  restrictByDefinitionKey(req, f, 'READ_INSTANCE');
  return f
    .add('id = ?', str(q, 'externalTaskId'))
    .add('id = ANY(?)', list(q, 'externalTaskIdIn'))
    .add('topic_name = ?', str(q, 'topicName'))
    .add('worker_id = ?', str(q, 'workerId'))
    .add('activity_id = ?', str(q, 'activityId'))
    .add('activity_id = ANY(?)', list(q, 'activityIdIn'))
    .add('token_id = ?', str(q, 'executionId'))
    .add('process_instance_id = ?', str(q, 'processInstanceId'))
    .add('process_instance_id = ANY(?)', list(q, 'processInstanceIdIn'))
    .add('definition_id = ?', str(q, 'processDefinitionId'))
    .add('priority >= ?', int(q, 'priorityHigherThanOrEquals'))
    .add('priority <= ?', int(q, 'priorityLowerThanOrEquals'))
    .when(bool(q, 'locked'), 'lock_expires_at > now()')
    .when(bool(q, 'notLocked'), '(lock_expires_at IS NULL OR lock_expires_at <= now())')
    .when(bool(q, 'withRetriesLeft'), '(retries IS NULL OR retries > 0)')
    .when(bool(q, 'noRetriesLeft'), 'retries = 0')
    .when(bool(q, 'active'), 'NOT suspended')
    .when(bool(q, 'suspended'), 'suspended');
}

/** External task routes. */
export function externalTaskRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;
  /** The task, if the user may see it (READ_INSTANCE) or work on it (UPDATE_INSTANCE). */
  const requireTask = async (req: Request, permission: 'READ_INSTANCE' | 'UPDATE_INSTANCE' = 'UPDATE_INSTANCE') => {
    const id = String(req.params.id);
    const t = await ctx.engine.reads.getExternalTask(id);
    if (!t) throw new NotFoundError(`External task with id ${id} does not exist`);
    requireDefinition(req, t.definitionKey, permission);
    return t;
  };
  const worker = (b: Record<string, unknown>) => {
    if (typeof b.workerId !== 'string' || !b.workerId) throw new HttpError(400, 'InvalidRequestException', "'workerId' is required");
    return b.workerId;
  };
  const duration = (b: Record<string, unknown>, name: string) => {
    const v = b[name];
    if (!Number.isInteger(v) || (v as number) < 0) throw new HttpError(400, 'InvalidRequestException', `'${name}' must be a non-negative integer`);
    return v as number;
  };

  r.post('/external-task/fetchAndLock', fetchAndLockHandler(ctx));
  mountListRoutes(r, '/external-task', pool, ctx.config.maxResults, {
    from: 'external_task', filter, order: (q) => sort(q, SORT, 'id'), dto: (row) => externalTaskDto(fromRow<ExternalTaskRecord>(row, DATE_FIELDS.externalTask)),
  });
  r.get('/external-task/topic-names', async (req, res) => {
    const f = filter(req, {})
      .when(bool(req.query, 'withLockedTasks'), 'lock_expires_at > now()')
      .when(bool(req.query, 'withUnlockedTasks'), '(lock_expires_at IS NULL OR lock_expires_at <= now())')
      .when(bool(req.query, 'withRetriesLeft'), '(retries IS NULL OR retries > 0)');
    sendJson(res, (await pool.query(`SELECT DISTINCT topic_name FROM external_task ${f.where} ORDER BY topic_name`, f.params)).rows.map((x) => x.topic_name));
  });
  r.put('/external-task/retries', async (req, res) => {
    const b = body(req);
    const ids = Array.isArray(b.externalTaskIds) ? b.externalTaskIds.map(String) : [];
    for (const id of ids) {
      const t = await ctx.engine.reads.getExternalTask(id);
      if (t) requireDefinition(req, t.definitionKey, 'UPDATE_INSTANCE');
      await ctx.engine.externalTasks.setRetries(id, b.retries as number);
    }
    sendNoContent(res);
  });
  r.get('/external-task/:id', async (req, res) => sendJson(res, externalTaskDto(await requireTask(req, 'READ_INSTANCE'))));
  r.get('/external-task/:id/errorDetails', async (req, res) => {
    const t = await requireTask(req, 'READ_INSTANCE');
    res.status(200).setHeader('Content-Type', 'text/plain');
    res.end(t.errorDetails ?? '');
  });
  r.post('/external-task/:id/complete', async (req, res) => {
    await requireTask(req);
    const b = body(req);
    const vars = { ...variablesFromWire(b.localVariables), ...variablesFromWire(b.variables) };
    await ctx.engine.externalTasks.complete(req.params.id, worker(b), vars);
    sendNoContent(res);
  });
  r.post('/external-task/:id/failure', async (req, res) => {
    await requireTask(req);
    const b = body(req);
    await ctx.engine.externalTasks.failure(req.params.id, worker(b), {
      errorMessage: typeof b.errorMessage === 'string' ? b.errorMessage : null,
      errorDetails: typeof b.errorDetails === 'string' ? b.errorDetails : null,
      retries: Number.isInteger(b.retries) ? (b.retries as number) : 0,
      retryTimeoutMs: Number.isInteger(b.retryTimeout) ? (b.retryTimeout as number) : 0,
    });
    sendNoContent(res);
  });
  r.post('/external-task/:id/bpmnError', async (req, res) => {
    await requireTask(req);
    const b = body(req);
    if (typeof b.errorCode !== 'string' || !b.errorCode) throw new HttpError(400, 'InvalidRequestException', "'errorCode' is required");
    await ctx.engine.externalTasks.bpmnError(req.params.id, worker(b), b.errorCode, typeof b.errorMessage === 'string' ? b.errorMessage : null, variablesFromWire(b.variables));
    sendNoContent(res);
  });
  r.post('/external-task/:id/extendLock', async (req, res) => {
    await requireTask(req);
    const b = body(req);
    await ctx.engine.externalTasks.extendLock(req.params.id, worker(b), duration(b, 'newDuration'));
    sendNoContent(res);
  });
  r.post('/external-task/:id/lock', async (req, res) => {
    await requireTask(req);
    const b = body(req);
    await ctx.engine.externalTasks.lock(req.params.id, worker(b), duration(b, 'lockDuration'));
    sendNoContent(res);
  });
  r.post('/external-task/:id/unlock', async (req, res) => {
    await requireTask(req);
    await ctx.engine.externalTasks.unlock(req.params.id);
    sendNoContent(res);
  });
  r.put('/external-task/:id/retries', async (req, res) => {
    await requireTask(req);
    await ctx.engine.externalTasks.setRetries(req.params.id, body(req).retries as number);
    sendNoContent(res);
  });
  r.put('/external-task/:id/priority', async (req, res) => {
    const p = body(req).priority;
    if (!Number.isInteger(p)) throw new HttpError(400, 'InvalidRequestException', "'priority' must be an integer");
    await requireTask(req);
    await ctx.engine.externalTasks.setPriority(req.params.id, p as number);
    sendNoContent(res);
  });
  return r;
}
