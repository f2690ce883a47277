/**
 * Variable instances (Camunda 7): every runtime variable, queryable by name, value, instance,
 * scope (execution / activity instance) and task.
 */
import { Router, type Request } from 'express';
import { NotFoundError, toWire } from '@baton/engine';
import { variableFromRow } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { body, list, page, sort, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { parseVariableConditions, valueCondition } from '../../http/variable-filter';
import { restrictByDefinitionKey } from '../../auth/guards';
import { sendVariableData } from '../variables/variable-data-routes';

const FROM = `variable v JOIN process_instance p ON p.id = v.process_instance_id LEFT JOIN user_task t ON t.id = v.scope_id`;

function filter(req: Request, q: Record<string, unknown>): SqlFilter {
  const f = new SqlFilter()
    .add('v.name = ?', str(q, 'variableName'))
    .add('v.name LIKE ?', str(q, 'variableNameLike'))
    .add('v.process_instance_id = ANY(?)', list(q, 'processInstanceIdIn'))
    .add('v.scope_id = ANY(?)', list(q, 'executionIdIn'))
    .add('v.scope_id = ANY(?)', list(q, 'activityInstanceIdIn'))
    .add('t.id = ANY(?)', list(q, 'taskIdIn'))
    .add('p.tenant_id = ANY(?)', list(q, 'tenantIdIn'));
  // variableValues compares the variable itself (not another variable of the scope).
  for (const c of parseVariableConditions('variableValues', q.variableValues)) {
    f.when(true, `(v.name = ${f.next(c.name)} AND ${valueCondition(f, c)})`);
  }
  restrictByDefinitionKey(req, f, 'READ_INSTANCE', 'p.definition_key');
  return f;
}

function dto(row: Record<string, unknown>) {
  const v = variableFromRow({ id: row.id, process_instance_id: row.process_instance_id, scope_id: row.scope_id, name: row.name, type: row.type, value: row.value, revision: row.revision });
  const wire = toWire({ type: v.type, value: v.value });
  return {
    id: v.id, name: v.name, type: wire.type, value: wire.value, valueInfo: wire.valueInfo, processDefinitionId: row.definition_id,
    processInstanceId: v.instanceId, executionId: row.task_id ? null : v.scopeId, activityInstanceId: row.task_id ? null : v.scopeId,
    caseExecutionId: null, caseInstanceId: null, taskId: row.task_id ?? null, batchId: null, tenantId: row.tenant_id ?? null, errorMessage: null,
  };
}

const COLUMNS = 'v.*, p.definition_id, p.tenant_id, t.id AS task_id';

/** Variable instance routes. */
export function variableInstanceRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;
  const query = async (req: Request, q: Record<string, unknown>) => {
    const f = filter(req, q);
    const p = page(req.query, ctx.config.maxResults);
    const order = sort(q, { variableName: 'v.name', variableType: 'v.type', activityInstanceId: 'v.scope_id', tenantId: 'p.tenant_id' }, 'v.name, v.id', 'v.id');
    return (await f.page(pool, FROM, order, p, COLUMNS)).map(dto);
  };
  const count = async (req: Request, q: Record<string, unknown>) => {
    const f = filter(req, q);
    return { count: await f.count(pool, FROM) };
  };
  const find = async (req: Request, id: string) => {
    const f = filter(req, {}).add('v.id = ?', id);
    const row = (await pool.query(`SELECT ${COLUMNS} FROM ${FROM} ${f.where}`, f.params)).rows[0] as Record<string, unknown> | undefined;
    if (!row) throw new NotFoundError(`Variable instance with Id '${id}' does not exist.`);
    return row;
  };

  r.get('/variable-instance', async (req, res) => sendJson(res, await query(req, req.query)));
  r.post('/variable-instance', async (req, res) => sendJson(res, await query(req, body(req))));
  r.get('/variable-instance/count', async (req, res) => sendJson(res, await count(req, req.query)));
  r.post('/variable-instance/count', async (req, res) => sendJson(res, await count(req, body(req))));
  r.get('/variable-instance/:id', async (req, res) => sendJson(res, dto(await find(req, req.params.id))));
  r.get('/variable-instance/:id/data', async (req, res) => {
    const row = await find(req, req.params.id);
    await sendVariableData(ctx, res, variableFromRow(row));
  });
  return r;
}
