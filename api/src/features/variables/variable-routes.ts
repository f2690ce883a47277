/**
 * Changing variables (Camunda 7): of a process instance (propagating like Camunda), of a task
 * (propagating) and task-local, and of a scope execution. Each request is one engine command
 * on the instance; reads of single task variables live here too.
 */
import { Router, type Request, type Response } from 'express';
import { fromWire, NotFoundError, toWire, variablesFromWire, type VariableRecord } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { body } from '../../http/params';
import { requireDefinition } from '../../auth/guards';
import { instanceFor, taskFor } from './variable-access';

function patch(b: Record<string, unknown>) {
  const deletions = b.deletions ?? [];
  if (!Array.isArray(deletions) || deletions.some((d) => typeof d !== 'string')) throw new HttpError(400, 'InvalidRequestException', "'deletions' must be a list of variable names");
  return { modifications: variablesFromWire(b.modifications), deletions: deletions as string[] };
}

/** Variable routes. */
export function variableRoutes(ctx: ApiContext): Router {
  const r = Router();
  const engine = ctx.engine;

  const instance = (req: Request, id: string) => instanceFor(engine, req, id, 'UPDATE_INSTANCE');
  const task = (req: Request, id: string, write: boolean) => taskFor(engine, req, id, write);
  const one = (res: Response, vars: readonly VariableRecord[] | null, name: string, what: string) => {
    const v = (vars ?? []).find((x) => x.name === name);
    if (!v) throw new NotFoundError(`${what} variable with name ${name} does not exist`);
    sendJson(res, toWire({ type: v.type, value: v.value }));
  };

  // Process instance variables.
  r.post('/process-instance/:id/variables', async (req, res) => {
    const i = await instance(req, req.params.id);
    await engine.modifyVariables(i.id, i.id, patch(body(req)));
    sendNoContent(res);
  });
  r.put('/process-instance/:id/variables/:varName', async (req, res) => {
    const i = await instance(req, req.params.id);
    await engine.modifyVariables(i.id, i.id, { modifications: { [req.params.varName]: fromWire(req.params.varName, body(req) as never) }, operationType: 'SetVariable' }, true);
    sendNoContent(res);
  });
  r.delete('/process-instance/:id/variables/:varName', async (req, res) => {
    const i = await instance(req, req.params.id);
    await engine.modifyVariables(i.id, i.id, { deletions: [req.params.varName], operationType: 'RemoveVariable' }, true);
    sendNoContent(res);
  });

  // Task variables: `variables` propagate like Camunda, `localVariables` stay on the task.
  for (const [segment, local] of [['variables', false], ['localVariables', true]] as const) {
    r.get(`/task/:id/${segment}/:varName`, async (req, res) => {
      const t = await task(req, req.params.id, false);
      const vars = local ? (await engine.reads.instanceVariables(t.instanceId)).filter((v) => v.scopeId === t.id) : await engine.visibleVariables(t.instanceId, t.id);
      one(res, vars, req.params.varName, 'task');
    });
    r.post(`/task/:id/${segment}`, async (req, res) => {
      const t = await task(req, req.params.id, true);
      await engine.modifyVariables(t.instanceId, t.id, patch(body(req)), local);
      sendNoContent(res);
    });
    r.put(`/task/:id/${segment}/:varName`, async (req, res) => {
      const t = await task(req, req.params.id, true);
      await engine.modifyVariables(t.instanceId, t.id, { modifications: { [req.params.varName]: fromWire(req.params.varName, body(req) as never) }, operationType: 'SetVariable' }, local);
      sendNoContent(res);
    });
    r.delete(`/task/:id/${segment}/:varName`, async (req, res) => {
      const t = await task(req, req.params.id, true);
      await engine.modifyVariables(t.instanceId, t.id, { deletions: [req.params.varName], operationType: 'RemoveVariable' }, local);
      sendNoContent(res);
    });
  }

  // Execution-local variables: the instance execution and sub-process scope executions.
  const scope = (req: Request, id: string) => scopeExecution(ctx, req, id);
  r.post('/execution/:id/localVariables', async (req, res) => {
    const instanceId = await scope(req, req.params.id);
    await engine.modifyVariables(instanceId, req.params.id, patch(body(req)), true);
    sendNoContent(res);
  });
  r.put('/execution/:id/localVariables/:varName', async (req, res) => {
    const instanceId = await scope(req, req.params.id);
    await engine.modifyVariables(instanceId, req.params.id, { modifications: { [req.params.varName]: fromWire(req.params.varName, body(req) as never) }, operationType: 'SetVariable' }, true);
    sendNoContent(res);
  });
  r.delete('/execution/:id/localVariables/:varName', async (req, res) => {
    const instanceId = await scope(req, req.params.id);
    await engine.modifyVariables(instanceId, req.params.id, { deletions: [req.params.varName], operationType: 'RemoveVariable' }, true);
    sendNoContent(res);
  });
  return r;
}

/** The instance of a scope execution (the instance itself or a sub-process scope); 404/403/400 otherwise. */
export async function scopeExecution(ctx: ApiContext, req: Request, id: string, permission: 'READ_INSTANCE' | 'UPDATE_INSTANCE' = 'UPDATE_INSTANCE'): Promise<string> {
  const row = (await ctx.store.pool.query(
    `SELECT p.id AS instance_id, p.definition_key, (p.id = $1) AS is_instance,
            EXISTS (SELECT 1 FROM jsonb_array_elements(p.state->'scopes') s WHERE s->>'id' = $1) AS is_scope
       FROM process_instance p
      WHERE p.id = $1 OR p.state->'scopes' @> jsonb_build_array(jsonb_build_object('id', $1::text))
         OR p.state->'tokens' @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
    [id],
  )).rows[0] as { instance_id: string; definition_key: string; is_instance: boolean; is_scope: boolean } | undefined;
  if (!row) throw new NotFoundError(`Execution with id ${id} does not exist`);
  requireDefinition(req, row.definition_key, permission);
  if (!row.is_instance && !row.is_scope) {
    throw new HttpError(400, 'InvalidRequestException', `Execution ${id} is a concurrent path without local variables; set variables on its scope execution`);
  }
  return row.instance_id;
}
