/**
 * User tasks: query (GET and POST), count, get, complete, claim, unclaim, assignee,
 * variables, form key.
 */
import { Router } from 'express';
import { NotFoundError, variablesFromWire } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body, page } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { variablesDto } from '../process-instance/instance-dto';
import { taskDto } from './task-dto';
import { countTasks, queryTasks } from './task-queries';

/** Task routes. */
export function taskRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;

  r.get('/task', async (req, res) => sendJson(res, (await queryTasks(pool, req.query, page(req.query, ctx.config.maxResults))).map(taskDto)));
  r.post('/task', async (req, res) => sendJson(res, (await queryTasks(pool, body(req), page(req.query, ctx.config.maxResults))).map(taskDto)));
  r.get('/task/count', async (req, res) => sendJson(res, { count: await countTasks(pool, req.query) }));
  r.post('/task/count', async (req, res) => sendJson(res, { count: await countTasks(pool, body(req)) }));

  const requireTask = async (id: string) => {
    const t = await ctx.engine.reads.getTask(id);
    if (!t) throw new NotFoundError(`No matching task with id ${id}`);
    return t;
  };

  r.get('/task/:id', async (req, res) => sendJson(res, taskDto(await requireTask(req.params.id))));

  r.get('/task/:id/form', async (req, res) => {
    const t = await requireTask(req.params.id);
    sendJson(res, { key: t.formKey, contextPath: null, camundaFormRef: null });
  });

  const complete = async (id: string, b: Record<string, unknown>) => {
    const result = await ctx.engine.completeTask(id, variablesFromWire(b.variables));
    return result;
  };

  r.post('/task/:id/complete', async (req, res) => {
    const b = body(req);
    const result = await complete(req.params.id, b);
    if (b.withVariablesInReturn === true) {
      const vars = result.ended ? [] : await ctx.engine.reads.instanceVariables(result.instanceId);
      sendJson(res, variablesDto(vars.filter((v) => v.scopeId === result.instanceId)));
      return;
    }
    sendNoContent(res);
  });

  r.post('/task/:id/submit-form', async (req, res) => {
    await complete(req.params.id, body(req));
    sendNoContent(res);
  });

  r.post('/task/:id/claim', async (req, res) => {
    const userId = body(req).userId;
    if (typeof userId !== 'string' || !userId) throw new HttpError(400, 'InvalidRequestException', "'userId' is required");
    await ctx.engine.claimTask(req.params.id, userId);
    sendNoContent(res);
  });

  r.post('/task/:id/unclaim', async (req, res) => {
    await ctx.engine.setAssignee(req.params.id, null);
    sendNoContent(res);
  });

  r.post('/task/:id/assignee', async (req, res) => {
    const userId = body(req).userId;
    if (userId !== null && typeof userId !== 'string') throw new HttpError(400, 'InvalidRequestException', "'userId' must be a string or null");
    await ctx.engine.setAssignee(req.params.id, userId || null);
    sendNoContent(res);
  });

  r.get('/task/:id/variables', async (req, res) => {
    const t = await requireTask(req.params.id);
    sendJson(res, variablesDto((await ctx.engine.visibleVariables(t.instanceId, t.id)) ?? []));
  });

  r.get('/task/:id/localVariables', async (req, res) => {
    const t = await requireTask(req.params.id);
    const vars = await ctx.engine.reads.instanceVariables(t.instanceId);
    sendJson(res, variablesDto(vars.filter((v) => v.scopeId === t.id)));
  });

  return r;
}
