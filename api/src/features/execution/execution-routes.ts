/**
 * Executions (Camunda 7): the process instance itself, each live sub-process scope and each
 * token, derived from process_instance rows and their `state` jsonb; and their local variables.
 */
import { Router, type Request } from 'express';
import { NotFoundError, variablesFromWire } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body, bool, list, page, sort, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { addVariableConditions, parseVariableConditions } from '../../http/variable-filter';
import { requireDefinition, restrictByDefinitionKey } from '../../auth/guards';
import { variablesDto } from '../process-instance/instance-dto';
import { variableFromRow } from '@baton/engine/postgres';

/** Executions as rows: instance, scopes and tokens. */
const EXECUTIONS = `(
  SELECT p.id, p.id AS process_instance_id, p.definition_id, p.definition_key, p.business_key, p.suspended, p.tenant_id, NULL::text AS activity_id
    FROM process_instance p
  UNION ALL
  SELECT s->>'id', p.id, p.definition_id, p.definition_key, p.business_key, p.suspended, p.tenant_id, s->>'elementId'
    FROM process_instance p, jsonb_array_elements(p.state->'scopes') s
  UNION ALL
  SELECT t->>'id', p.id, p.definition_id, p.definition_key, p.business_key, p.suspended, p.tenant_id, t->>'elementId'
    FROM process_instance p, jsonb_array_elements(p.state->'tokens') t
) e`;

function filter(req: Request, q: Record<string, unknown>): SqlFilter {
  const f = new SqlFilter()
    .add('e.business_key = ?', str(q, 'businessKey'))
    .add('e.definition_id = ?', str(q, 'processDefinitionId'))
    .add('e.definition_key = ?', str(q, 'processDefinitionKey'))
    .add('e.process_instance_id = ?', str(q, 'processInstanceId'))
    .add('e.activity_id = ?', str(q, 'activityId'))
    .add('e.tenant_id = ANY(?)', list(q, 'tenantIdIn'))
    .when(bool(q, 'active'), 'NOT e.suspended')
    .when(bool(q, 'suspended'), 'e.suspended')
    .add('EXISTS (SELECT 1 FROM incident i WHERE i.token_id = e.id AND i.id = ?)', str(q, 'incidentId'))
    .add('EXISTS (SELECT 1 FROM incident i WHERE i.token_id = e.id AND i.incident_type = ?)', str(q, 'incidentType'))
    .add('EXISTS (SELECT 1 FROM incident i WHERE i.token_id = e.id AND i.message = ?)', str(q, 'incidentMessage'))
    .add('EXISTS (SELECT 1 FROM incident i WHERE i.token_id = e.id AND i.message LIKE ?)', str(q, 'incidentMessageLike'))
    .add(`EXISTS (SELECT 1 FROM event_subscription s WHERE coalesce(s.token_id, s.scope_instance_id) = e.id AND s.event_type = 'message' AND s.event_name = ?)`, str(q, 'messageEventSubscriptionName'))
    .add(`EXISTS (SELECT 1 FROM event_subscription s WHERE coalesce(s.token_id, s.scope_instance_id) = e.id AND s.event_type = 'signal' AND s.event_name = ?)`, str(q, 'signalEventSubscriptionName'));
  addVariableConditions(f, parseVariableConditions('variables', q.variables), 'v.scope_id = e.id');
  addVariableConditions(f, parseVariableConditions('processVariables', q.processVariables), 'v.process_instance_id = e.process_instance_id');
  restrictByDefinitionKey(req, f, 'READ_INSTANCE', 'e.definition_key');
  return f;
}

const dto = (row: Record<string, unknown>) => ({ id: row.id, processInstanceId: row.process_instance_id, ended: false, tenantId: row.tenant_id ?? null });

/** Execution routes. */
export function executionRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;
  const query = async (req: Request, q: Record<string, unknown>) => {
    const f = filter(req, q);
    const p = page(req.query, ctx.config.maxResults);
    const order = sort(q, { instanceId: 'e.process_instance_id', definitionKey: 'e.definition_key', definitionId: 'e.definition_id', tenantId: 'e.tenant_id' }, 'e.process_instance_id, e.id', 'e.id');
    return (await f.page(pool, EXECUTIONS, order, p, 'e.*')).map(dto);
  };
  const count = async (req: Request, q: Record<string, unknown>) => {
    const f = filter(req, q);
    return { count: await f.count(pool, EXECUTIONS) };
  };
  const find = async (req: Request, id: string) => {
    const f = filter(req, {}).add('e.id = ?', id);
    const row = (await pool.query(`SELECT e.* FROM ${EXECUTIONS} ${f.where}`, f.params)).rows[0] as Record<string, unknown> | undefined;
    if (!row) throw new NotFoundError(`Execution with id ${id} does not exist`);
    return row;
  };

  r.get('/execution', async (req, res) => sendJson(res, await query(req, req.query)));
  r.post('/execution', async (req, res) => sendJson(res, await query(req, body(req))));
  r.get('/execution/count', async (req, res) => sendJson(res, await count(req, req.query)));
  r.post('/execution/count', async (req, res) => sendJson(res, await count(req, body(req))));
  r.get('/execution/:id', async (req, res) => sendJson(res, dto(await find(req, req.params.id))));

  const localVariables = async (req: Request, id: string) => {
    await find(req, id);
    const rows = await pool.query('SELECT * FROM variable WHERE scope_id = $1 ORDER BY name', [id]);
    return rows.rows.map(variableFromRow);
  };
  r.get('/execution/:id/localVariables', async (req, res) => sendJson(res, variablesDto(await localVariables(req, req.params.id))));
  r.get('/execution/:id/localVariables/:varName', async (req, res) => {
    const v = (await localVariables(req, req.params.id)).find((x) => x.name === req.params.varName);
    if (!v) throw new NotFoundError(`execution variable with name ${req.params.varName} does not exist`);
    sendJson(res, variablesDto([v])[v.name]);
  });
  r.post('/execution/:id/signal', async (req, res) => {
    const row = await find(req, req.params.id);
    requireDefinition(req, String(row.definition_key), 'UPDATE_INSTANCE');
    await ctx.engine.signalExecution(String(row.process_instance_id), req.params.id, variablesFromWire(body(req).variables));
    sendNoContent(res);
  });
  return r;
}
