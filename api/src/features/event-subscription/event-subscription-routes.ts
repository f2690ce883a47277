/**
 * Event subscriptions (Camunda 7 `/event-subscription`): what waits for which message or
 * signal — catch events, receive tasks, boundary events, event sub-process and process start
 * events — and the per-execution message subscription resource with its trigger.
 */
import { Router, type Request } from 'express';
import { NotFoundError, variablesFromWire } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body, page, sort, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { addTenantConditions } from '../../http/tenant-filter';
import { restrictByDefinitionKey } from '../../auth/guards';
import { authorizeEvents } from '../message/message-routes';

const FROM = 'event_subscription e';

function filter(req: Request, q: Record<string, unknown>): SqlFilter {
  const f = new SqlFilter()
    .add('e.id = ?', str(q, 'eventSubscriptionId'))
    .add('e.event_name = ?', str(q, 'eventName'))
    .add('e.event_type = ?', str(q, 'eventType'))
    .add('coalesce(e.token_id, e.scope_instance_id) = ?', str(q, 'executionId'))
    .add('e.process_instance_id = ?', str(q, 'processInstanceId'))
    .add('e.activity_id = ?', str(q, 'activityId'));
  addTenantConditions(f, q, 'e.tenant_id', 'includeEventSubscriptionsWithoutTenantId');
  restrictByDefinitionKey(req, f, 'READ_INSTANCE', 'e.definition_key');
  return f;
}

/** → Camunda's EventSubscriptionDto (the execution: the waiting token or the scope instance). */
function dto(row: Record<string, unknown>) {
  return {
    id: row.id, eventType: row.event_type, eventName: row.event_name, executionId: row.token_id ?? row.scope_instance_id ?? null,
    processInstanceId: row.process_instance_id ?? null, activityId: row.activity_id, createdDate: row.created, tenantId: row.tenant_id ?? null,
  };
}

/** Event subscription routes. */
export function eventSubscriptionRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;

  r.get('/event-subscription', async (req, res) => {
    const f = filter(req, req.query);
    const order = sort(req.query, { created: 'e.created', tenantId: 'e.tenant_id' }, 'e.created', 'e.id');
    sendJson(res, (await f.page(pool, FROM, order, page(req.query, ctx.config.maxResults), 'e.*')).map(dto));
  });
  r.get('/event-subscription/count', async (req, res) => sendJson(res, { count: await filter(req, req.query).count(pool, FROM) }));

  r.get('/execution/:id/messageSubscriptions/:messageName', async (req, res) => {
    const f = filter(req, { executionId: req.params.id, eventName: req.params.messageName, eventType: 'message' });
    const [row] = await f.page(pool, FROM, 'e.created', { offset: 0, limit: 1 }, 'e.*');
    if (!row) throw new NotFoundError(`Message event subscription for execution '${req.params.id}' named '${req.params.messageName}' does not exist`);
    sendJson(res, dto(row));
  });
  r.post('/execution/:id/messageSubscriptions/:messageName/trigger', async (req, res) => {
    const variables = variablesFromWire(body(req).variables);
    await ctx.engine.events.triggerMessageSubscription(req.params.id, req.params.messageName, variables, authorizeEvents(req));
    sendNoContent(res);
  });
  return r;
}
