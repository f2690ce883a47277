/** Incidents: query and count (Camunda's IncidentDto). */
import { Router, type Request } from 'express';
import { formatCamundaDate, logUserOperation, NotFoundError, type IncidentRecord, type UserOperationLogRecord } from '@baton/engine';
import { DATE_FIELDS, fromRow, withUserOperations } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { body, date, list, page, requiredString, sort, str } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { SqlFilter } from '../../http/sql-filter';
import { requireDefinition, restrictByDefinitionKey } from '../../auth/guards';

/** Incidents are visible with READ_INSTANCE on their process definition. */
function restrictedToReadableInstances(req: Request, f: SqlFilter): SqlFilter {
  restrictByDefinitionKey(req, f, 'READ_INSTANCE', '(SELECT d.key FROM process_definition d WHERE d.id = incident.definition_id)');
  return f;
}

function incidentDto(i: IncidentRecord) {
  return {
    id: i.id, processDefinitionId: i.definitionId, processInstanceId: i.instanceId, executionId: i.tokenId,
    incidentTimestamp: formatCamundaDate(i.timestamp), incidentType: i.incidentType, activityId: i.activityId,
    failedActivityId: i.activityId, causeIncidentId: i.id, rootCauseIncidentId: i.id, configuration: i.configuration ?? i.errorCode,
    tenantId: null, incidentMessage: i.message, jobDefinitionId: null, annotation: i.annotation ?? null,
  };
}

/** Incident routes. */
export function incidentRoutes(ctx: ApiContext): Router {
  const r = Router();
  const filter = (req: Request, q: Record<string, unknown>) =>
    restrictedToReadableInstances(req, new SqlFilter())
      .add('id = ?', str(q, 'incidentId'))
      .add('incident_type = ?', str(q, 'incidentType'))
      .add('process_instance_id = ?', str(q, 'processInstanceId'))
      .add('definition_id = ?', str(q, 'processDefinitionId'))
      .add('activity_id = ?', str(q, 'activityId'))
      .add('activity_id = ?', str(q, 'failedActivityId'))
      .add('token_id = ?', str(q, 'executionId'))
      .add('message = ?', str(q, 'incidentMessage'))
      .add('message ILIKE ?', str(q, 'incidentMessageLike'))
      .add('COALESCE(configuration, error_code) = ?', str(q, 'configuration'))
      .add('definition_id IN (SELECT d.id FROM process_definition d WHERE d.key = ANY(?))', list(q, 'processDefinitionKeyIn'))
      .add('timestamp < ?', date(q, 'incidentTimestampBefore'))
      .add('timestamp > ?', date(q, 'incidentTimestampAfter'))
      // Every Baton incident is its own cause and root cause (incidentDto).
      .add('id = ?', str(q, 'causeIncidentId'))
      .add('id = ?', str(q, 'rootCauseIncidentId'));
  r.get('/incident', async (req, res) => {
    const f = filter(req, req.query);
    const p = page(req.query, ctx.config.maxResults);
    const order = sort(req.query, { incidentId: 'id', incidentTimestamp: 'timestamp', incidentType: 'incident_type', activityId: 'activity_id', processInstanceId: 'process_instance_id' }, 'timestamp, id');
    sendJson(res, (await f.page(ctx.store.pool, 'incident', order, p)).map((row) => incidentDto(fromRow<IncidentRecord>(row, DATE_FIELDS.incident))));
  });
  r.get('/incident/count', async (req, res) => {
    const f = filter(req, req.query);
    sendJson(res, { count: await f.count(ctx.store.pool, 'incident') });
  });
  const requireIncident = async (req: Request) => {
    const f = filter(req, {}).add('id = ?', req.params.id);
    const { rows } = await ctx.store.pool.query(`SELECT * FROM incident ${f.where}`, f.params);
    if (!rows[0]) throw new NotFoundError(`No incident found with id '${req.params.id}'`);
    return fromRow<IncidentRecord>(rows[0], DATE_FIELDS.incident);
  };
  r.get('/incident/:id', async (req, res) => sendJson(res, incidentDto(await requireIncident(req))));
  // Baton addition (the modeler's "retry" button, docs/jobs-and-timers.md): re-runs what failed —
  // a failedJob gets one retry, a failedExternalTask is unlocked with one retry, a failedExecution
  // re-enters its element. Fix the cause (e.g. a variable) first.
  /** The incident, when the user may update instances of its definition. */
  const updatableIncident = async (req: Request) => {
    const incident = await requireIncident(req);
    const definition = await ctx.engine.reads.getDefinition(incident.definitionId);
    requireDefinition(req, definition?.key ?? '', 'UPDATE_INSTANCE');
    return incident;
  };
  r.post('/incident/:id/retry', async (req, res) => {
    await ctx.engine.incidents.retry((await updatableIncident(req)).id);
    sendNoContent(res);
  });
  // Custom incidents (Camunda's createIncident / resolveIncident): an operator marks a token.
  r.post('/execution/:id/create-incident', async (req, res) => {
    const token = (await ctx.store.pool.query(
      `SELECT p.id, p.definition_key FROM process_instance p WHERE p.state->'tokens' @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
      [req.params.id],
    )).rows[0] as { id: string; definition_key: string } | undefined;
    if (!token) throw new NotFoundError(`Execution with id ${req.params.id} does not exist or is not at an activity (incidents attach to an activity's execution)`);
    requireDefinition(req, token.definition_key, 'UPDATE_INSTANCE');
    const b = body(req);
    if (typeof b.incidentType !== 'string' || !b.incidentType) throw new HttpError(400, 'InvalidRequestException', "'incidentType' is required");
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    const incident = await ctx.engine.incidents.create(token.id, req.params.id, { incidentType: b.incidentType, configuration: text(b.configuration), message: text(b.message) });
    sendJson(res, incidentDto(incident));
  });
  r.delete('/incident/:id', async (req, res) => {
    await ctx.engine.incidents.resolve((await updatableIncident(req)).id);
    sendNoContent(res);
  });
  const annotate = async (req: Request, annotation: string | null) => {
    const incident = await requireIncident(req);
    const definition = await ctx.engine.reads.getDefinition(incident.definitionId);
    requireDefinition(req, definition?.key ?? '', 'UPDATE_INSTANCE');
    const log: UserOperationLogRecord[] = [];
    const facts = { operationType: annotation === null ? 'ClearAnnotation' : 'SetAnnotation', entityType: 'Incident', category: 'Operator', processInstanceId: incident.instanceId, processDefinitionId: incident.definitionId, processDefinitionKey: definition?.key ?? null } as const;
    logUserOperation(log, facts, [{ property: 'annotation', newValue: annotation }], new Date());
    await withUserOperations(ctx.store.pool, log, async (client) => {
      await client.query('UPDATE incident SET annotation = $2 WHERE id = $1', [incident.id, annotation]);
    });
  };
  r.put('/incident/:id/annotation', async (req, res) => {
    await annotate(req, requiredString(body(req), 'annotation'));
    sendNoContent(res);
  });
  r.delete('/incident/:id/annotation', async (req, res) => {
    await annotate(req, null);
    sendNoContent(res);
  });
  return r;
}
