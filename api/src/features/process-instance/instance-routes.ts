/**
 * Running process instances: query (GET and POST), count, get, delete, variables.
 */
import { Router, type Request } from 'express';
import { NotFoundError } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body, bool, list, page, sort, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { addTenantConditions } from '../../http/tenant-filter';
import { addVariableConditions, parseVariableConditions } from '../../http/variable-filter';
import { instanceDto, variablesDto } from './instance-dto';
import { requireDefinition, restrictByDefinitionKey } from '../../auth/guards';
import { HttpError } from '../../http/error-mapping';

const SORT = { instanceId: 'id', definitionKey: 'definition_key', definitionId: 'definition_id', businessKey: 'business_key', tenantId: 'tenant_id' };

/** An instance with an incident matching `condition` (on `i`). */
const withIncident = (condition: string) => `EXISTS (SELECT 1 FROM incident i WHERE i.process_instance_id = process_instance.id AND ${condition})`;

/** Process instance routes. */
export function instanceRoutes(ctx: ApiContext): Router {
  const r = Router();

  const filter = (q: Record<string, unknown>) => {
    const f = new SqlFilter()
      .add('id = ANY(?)', list(q, 'processInstanceIds'))
      .add('business_key = ?', str(q, 'businessKey'))
      .add('business_key LIKE ?', str(q, 'businessKeyLike'))
      .add('definition_id = ?', str(q, 'processDefinitionId'))
      .add('definition_key = ?', str(q, 'processDefinitionKey'))
      .add('definition_key = ANY(?)', list(q, 'processDefinitionKeyIn'))
      .add('NOT (definition_key = ANY(?))', list(q, 'processDefinitionKeyNotIn'))
      .add('definition_id IN (SELECT d.id FROM process_definition d WHERE d.deployment_id = ?)', str(q, 'deploymentId'))
      // Tokens rest in the instance's state: an instance "has" the activities its tokens wait at.
      .add(`EXISTS (SELECT 1 FROM jsonb_array_elements(process_instance.state -> 'tokens') t WHERE t ->> 'elementId' = ANY(?))`, list(q, 'activityIdIn'))
      .add(withIncident('i.id = ?'), str(q, 'incidentId'))
      .add(withIncident('i.incident_type = ?'), str(q, 'incidentType'))
      .add(withIncident('i.message = ?'), str(q, 'incidentMessage'))
      .add(withIncident('i.message LIKE ?'), str(q, 'incidentMessageLike'))
      .add('super_instance_id = ?', str(q, 'superProcessInstance'))
      .add('id = (SELECT s.super_instance_id FROM process_instance s WHERE s.id = ?)', str(q, 'subProcessInstance'))
      .when(bool(q, 'rootProcessInstances'), 'super_instance_id IS NULL')
      .when(bool(q, 'leafProcessInstances'), 'NOT EXISTS (SELECT 1 FROM process_instance c WHERE c.super_instance_id = process_instance.id)')
      .when(bool(q, 'suspended'), 'suspended')
      .when(bool(q, 'active'), 'NOT suspended')
      .when(bool(q, 'withIncident'), 'EXISTS (SELECT 1 FROM incident i WHERE i.process_instance_id = process_instance.id)');
    addTenantConditions(f, q, 'tenant_id');
    // Camunda's `variables`: conditions on the instance's own (global) variables.
    addVariableConditions(f, parseVariableConditions('variables', q.variables), 'v.scope_id = process_instance.id');
    return f;
  };

  const query = async (req: Request, q: Record<string, unknown>) => {
    const f = filter(q);
    restrictByDefinitionKey(req, f, 'READ_INSTANCE');
    const p = page(req.query, ctx.config.maxResults);
    const order = sort(q, SORT, 'id');
    const rows = await f.page(ctx.store.pool, 'process_instance', order, p, 'id, definition_id, business_key, suspended, tenant_id');
    return rows.map((row) =>
      instanceDto(req, {
        id: String(row.id), definitionId: String(row.definition_id), businessKey: (row.business_key as string | null) ?? null,
        ended: false, suspended: row.suspended === true, tenantId: (row.tenant_id as string | null) ?? null,
      }),
    );
  };
  const count = async (req: Request, q: Record<string, unknown>) => {
    const f = filter(q);
    restrictByDefinitionKey(req, f, 'READ_INSTANCE');
    return f.count(ctx.store.pool, 'process_instance');
  };

  r.get('/process-instance', async (req, res) => sendJson(res, await query(req, req.query)));
  r.post('/process-instance', async (req, res) => sendJson(res, await query(req, body(req))));
  r.get('/process-instance/count', async (req, res) => sendJson(res, { count: await count(req, req.query) }));
  r.post('/process-instance/count', async (req, res) => sendJson(res, { count: await count(req, body(req)) }));

  const requireInstance = async (req: Request, id: string, permission: 'READ_INSTANCE' | 'DELETE_INSTANCE' = 'READ_INSTANCE') => {
    const i = await ctx.engine.reads.getInstance(id);
    if (!i) throw new NotFoundError(`Process instance with id ${id} does not exist`);
    requireDefinition(req, i.definitionKey, permission);
    return i;
  };

  r.get('/process-instance/:id', async (req, res) => {
    const i = await requireInstance(req, req.params.id);
    sendJson(res, instanceDto(req, { ...i, ended: false }));
  });

  r.delete('/process-instance/:id', async (req, res) => {
    const q = req.query;
    // Called instances are always deleted with their caller (a cascade that keeps no orphans).
    if (bool(q, 'skipSubprocesses')) throw new HttpError(400, 'InvalidRequestException', 'skipSubprocesses is not supported: called process instances are deleted with their caller');
    try {
      await requireInstance(req, req.params.id, 'DELETE_INSTANCE');
      await ctx.engine.deleteProcessInstance(req.params.id, str(q, 'deleteReason') ?? null, { skipCustomListeners: bool(q, 'skipCustomListeners'), skipIoMappings: bool(q, 'skipIoMappings') });
    } catch (err) {
      // failIfNotExists=false (Camunda): an instance that is already gone is no error.
      if (!(err instanceof NotFoundError && bool(q, 'failIfNotExists') === false)) throw err;
    }
    sendNoContent(res);
  });

  const suspendFlag = (b: Record<string, unknown>) => {
    if (typeof b.suspended !== 'boolean') throw new HttpError(400, 'InvalidRequestException', "'suspended' must be true or false");
    return b.suspended;
  };
  r.put('/process-instance/suspended', async (req, res) => {
    const b = body(req);
    const suspended = suspendFlag(b);
    const f = new SqlFilter()
      .add('id = ANY(?)', Array.isArray(b.processInstanceIds) ? b.processInstanceIds.map(String) : undefined)
      .add('definition_id = ?', typeof b.processDefinitionId === 'string' ? b.processDefinitionId : undefined)
      .add('definition_key = ?', typeof b.processDefinitionKey === 'string' ? b.processDefinitionKey : undefined);
    if (f.conditions.length === 0) throw new HttpError(400, 'InvalidRequestException', "One of 'processInstanceIds', 'processDefinitionId' or 'processDefinitionKey' is required");
    const rows = (await ctx.store.pool.query(`SELECT id, definition_key FROM process_instance ${f.where} ORDER BY id`, f.params)).rows;
    for (const row of rows) requireDefinition(req, String(row.definition_key), 'UPDATE_INSTANCE');
    for (const row of rows) await ctx.engine.setInstanceSuspended(String(row.id), suspended);
    sendNoContent(res);
  });
  r.put('/process-instance/:id/suspended', async (req, res) => {
    const suspended = suspendFlag(body(req));
    const i = await requireInstance(req, req.params.id);
    requireDefinition(req, i.definitionKey, 'UPDATE_INSTANCE');
    await ctx.engine.setInstanceSuspended(i.id, suspended);
    sendNoContent(res);
  });

  r.get('/process-instance/:id/variables', async (req, res) => {
    const i = await requireInstance(req, req.params.id);
    const vars = await ctx.engine.reads.instanceVariables(i.id);
    sendJson(res, variablesDto(vars.filter((v) => v.scopeId === i.id)));
  });

  r.get('/process-instance/:id/variables/:name', async (req, res) => {
    const i = await requireInstance(req, req.params.id);
    const v = (await ctx.engine.reads.instanceVariables(i.id)).find((x) => x.scopeId === i.id && x.name === req.params.name);
    if (!v) throw new NotFoundError(`process instance variable with name ${req.params.name} does not exist`);
    sendJson(res, variablesDto([v])[v.name]);
  });

  return r;
}
