/**
 * User tasks: query (GET and POST), count, get, complete, claim, unclaim, assignee,
 * variables, form key.
 */
import { Router, type Request, type Response } from 'express';
import { NotFoundError, variablesFromWire } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body, page, str } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { variablesDto } from '../process-instance/instance-dto';
import { taskDto } from './task-dto';
import { countTasks, queryTasks, type TaskQueryScope } from './task-queries';
import { requireAdmin, requireTaskAssign, requireTaskVisible, requireTaskWork, restrictTasks } from '../../auth/guards';
import { isGranted, Resource } from '../../auth/permissions';

/** Task routes. */
export function taskRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;

  const scope = async (req: Request, q: Record<string, unknown>): Promise<TaskQueryScope> => {
    const candidateUser = str(q, 'candidateUser');
    return {
      candidateUserGroups: candidateUser ? await ctx.identity.groupsOf(candidateUser) : [],
      restrict: (f) => restrictTasks(req, f),
    };
  };
  const list = async (req: Request, q: Record<string, unknown>) =>
    (await queryTasks(pool, q, page(req.query, ctx.config.maxResults), await scope(req, q))).map(taskDto);
  const count = async (req: Request, q: Record<string, unknown>) => ({ count: await countTasks(pool, q, await scope(req, q)) });

  r.get('/task', async (req, res) => sendJson(res, await list(req, req.query)));
  r.post('/task', async (req, res) => sendJson(res, await list(req, body(req))));
  r.get('/task/count', async (req, res) => sendJson(res, await count(req, req.query)));
  r.post('/task/count', async (req, res) => sendJson(res, await count(req, body(req))));

  r.get('/task/report/candidate-group-count', async (req, res) => {
    requireAdmin(req, 'read task reports');
    const rows = await pool.query(
      `SELECT g AS group_name, count(*)::int AS task_count FROM user_task LEFT JOIN LATERAL unnest(candidate_groups) g ON true
       GROUP BY g ORDER BY g NULLS FIRST`,
    );
    sendJson(res, rows.rows.map((r) => ({ groupName: r.group_name ?? null, taskCount: r.task_count })));
  });

  const findTask = async (id: string) => {
    const t = await ctx.engine.reads.getTask(id);
    if (!t) throw new NotFoundError(`No matching task with id ${id}: it does not exist (it may have been completed or deleted)`);
    return t;
  };
  /** Every read of one task checks that the caller may see it. */
  const requireTask = async (req: Request, id: string) => {
    const t = await findTask(id);
    requireTaskVisible(req, t);
    return t;
  };

  r.get('/task/:id', async (req, res) => sendJson(res, taskDto(await requireTask(req, req.params.id))));

  r.get('/task/:id/form', async (req, res) => {
    const t = await requireTask(req, req.params.id);
    sendJson(res, { key: t.formKey, contextPath: null, camundaFormRef: null });
  });

  /**
   * Completes (or, for submit-form, submits) a task. The permission check runs on the task the
   * command loads under its lock (one read, not two). `withVariablesInReturn`: the process
   * variables as the command left them, also when the instance ended (as Camunda 7).
   */
  const finish = async (req: Request, res: Response, id: string, command: 'completeTask' | 'submitTaskForm') => {
    const b = body(req);
    const result = await ctx.engine[command](id, variablesFromWire(b.variables), { authorize: (task) => void requireTaskWork(req, task) });
    if (b.withVariablesInReturn === true) return sendJson(res, variablesDto(result.variables));
    sendNoContent(res);
  };

  r.post('/task/:id/complete', (req, res) => finish(req, res, req.params.id, 'completeTask'));
  // As Camunda 7: a delegated (PENDING) task is resolved back to its owner, any other completed.
  r.post('/task/:id/submit-form', (req, res) => finish(req, res, req.params.id, 'submitTaskForm'));

  r.post('/task/:id/claim', async (req, res) => {
    const userId = body(req).userId;
    if (typeof userId !== 'string' || !userId) throw new HttpError(400, 'InvalidRequestException', "'userId' is required");
    const task = await findTask(req.params.id);
    const p = requireTaskVisible(req, task);
    if (userId !== p.userId && !p.admin && !isGranted(p, Resource.TASK, task.id, 'UPDATE')) {
      throw new HttpError(403, 'AuthorizationException', `The user with id '${p.userId}' may not claim tasks for '${userId}'.`);
    }
    await ctx.engine.claimTask(req.params.id, userId);
    sendNoContent(res);
  });

  r.post('/task/:id/unclaim', async (req, res) => {
    requireTaskAssign(req, await findTask(req.params.id));
    await ctx.engine.unclaimTask(req.params.id);
    sendNoContent(res);
  });

  r.post('/task/:id/assignee', async (req, res) => {
    const userId = body(req).userId;
    if (userId !== null && typeof userId !== 'string') throw new HttpError(400, 'InvalidRequestException', "'userId' must be a string or null");
    const task = await findTask(req.params.id);
    const p = requireTaskVisible(req, task);
    // Taking an unassigned task for oneself is a claim; anything else needs assign rights.
    if (!(task.assignee === null && userId === p.userId)) requireTaskAssign(req, task);
    await ctx.engine.setAssignee(req.params.id, userId || null);
    sendNoContent(res);
  });

  r.post('/task/:id/bpmnError', async (req, res) => {
    requireTaskWork(req, await findTask(req.params.id));
    const b = body(req);
    const code = typeof b.errorCode === 'string' ? b.errorCode : '';
    const message = typeof b.errorMessage === 'string' ? b.errorMessage : null;
    await ctx.engine.taskBpmnError(req.params.id, code, message, variablesFromWire(b.variables));
    sendNoContent(res);
  });

  r.post('/task/:id/bpmnEscalation', async (req, res) => {
    requireTaskWork(req, await findTask(req.params.id));
    const b = body(req);
    await ctx.engine.taskEscalation(req.params.id, typeof b.escalationCode === 'string' ? b.escalationCode : '', variablesFromWire(b.variables));
    sendNoContent(res);
  });

  r.post('/task/:id/resolve', async (req, res) => {
    requireTaskWork(req, await findTask(req.params.id));
    await ctx.engine.resolveTask(req.params.id, variablesFromWire(body(req).variables));
    sendNoContent(res);
  });

  r.get('/task/:id/variables', async (req, res) => {
    const t = await requireTask(req, req.params.id);
    sendJson(res, variablesDto((await ctx.engine.visibleVariables(t.instanceId, t.id)) ?? []));
  });

  r.get('/task/:id/localVariables', async (req, res) => {
    const t = await requireTask(req, req.params.id);
    const vars = await ctx.engine.reads.instanceVariables(t.instanceId);
    sendJson(res, variablesDto(vars.filter((v) => v.scopeId === t.id)));
  });

  return r;
}
