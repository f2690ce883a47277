/**
 * Job definitions (GET /job-definition, /count, /{id}): Baton stores none; they are derived
 * from the executable models — one per async-before/after element and timer event — with
 * the same deterministic ids the JobDto's jobDefinitionId carries.
 */
import { Router, type Request } from 'express';
import { restrictByDefinitionKey } from '../../auth/guards';
import { NotFoundError, type ExecutableProcess, type ProcessDefinitionRecord } from '@baton/engine';
import { fromRow } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { list, page, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { jobDefinitionId } from '../job/job-dto';

function definitionsOf(record: ProcessDefinitionRecord, model: ExecutableProcess) {
  const out = [];
  const dto = (activityId: string, jobType: string, jobConfiguration: string) => ({
    id: jobDefinitionId(record.id, activityId, jobType, jobConfiguration), processDefinitionId: record.id, processDefinitionKey: record.key,
    activityId, jobType, jobConfiguration, overridingJobPriority: null, suspended: false, tenantId: record.tenantId, deploymentId: record.deploymentId,
  });
  for (const node of model.elements.values()) {
    if (node.jobs.asyncBefore) out.push(dto(node.id, 'async-continuation', 'async-before'));
    if (node.jobs.asyncAfter) out.push(dto(node.id, 'async-continuation', 'async-after'));
    if (node.timer) {
      const start = node.kind === 'timerStartEvent';
      const type = start ? (node.scopeId === model.key ? 'timer-start-event' : 'timer-start-event-subprocess') : node.attachedToId ? 'timer-transition' : 'timer-intermediate-transition';
      out.push(dto(node.id, type, node.id));
    }
  }
  return out;
}

/** Job definition routes. */
export function jobDefinitionRoutes(ctx: ApiContext): Router {
  const r = Router();
  const all = async (req: Request, q: Record<string, unknown>) => {
    const f = new SqlFilter();
    restrictByDefinitionKey(req, f, 'READ', 'key');
    f
      .add('id = ?', str(q, 'processDefinitionId'))
      .add('key = ?', str(q, 'processDefinitionKey'))
      .add('id = ANY(?)', list(q, 'processDefinitionIdIn'));
    const rows = (await ctx.store.pool.query(`SELECT * FROM process_definition ${f.where} ORDER BY key, version`, f.params)).rows;
    const defs = [];
    for (const row of rows) {
      const loaded = await ctx.engine.definition(fromRow<ProcessDefinitionRecord>(row).id);
      defs.push(...definitionsOf(loaded.record, loaded.model));
    }
    const activity = str(q, 'activityIdIn') ? list(q, 'activityIdIn') : undefined;
    const id = str(q, 'jobDefinitionId');
    const type = str(q, 'jobType');
    return defs.filter((d) => (!activity || activity.includes(d.activityId)) && (!id || d.id === id) && (!type || d.jobType === type));
  };
  r.get('/job-definition', async (req, res) => {
    const p = page(req.query, ctx.config.maxResults);
    sendJson(res, (await all(req, req.query)).slice(p.offset, p.offset + p.limit));
  });
  r.get('/job-definition/count', async (req, res) => sendJson(res, { count: (await all(req, req.query)).length }));
  r.get('/job-definition/:id', async (req, res) => {
    const found = (await all(req, {})).find((d) => d.id === req.params.id);
    if (!found) throw new NotFoundError(`Job Definition with id ${req.params.id} does not exist`);
    sendJson(res, found);
  });
  return r;
}
