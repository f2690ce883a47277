/**
 * Camunda 7 runtime statistics (`/process-definition/statistics`, `/process-definition/{id}/
 * statistics`, by key too) and the activity instance tree of a process instance, with the
 * same definition-level authorization as the other definition and instance reads. Listed before
 * the process-definition routes: `/process-definition/statistics` would otherwise be taken for a
 * definition with id "statistics".
 */
import { Router, type Request } from 'express';
import { NotFoundError, type ProcessDefinitionRecord } from '@baton/engine';
import { fromRow } from '@baton/engine/postgres';
import { definitionKeys, requireDefinition } from '../../auth/guards';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { bool, str } from '../../http/params';
import { definitionDto } from '../process-definition/definition-dto';
import { activityInstanceTree } from './activity-instance-tree';
import { activityInstanceCounts, incidentCounts, instanceCountsByDefinition, mergeStatistics, type IncidentOptions } from './statistics-queries';

/**
 * `rootIncidents` (Cockpit's dashboard asks for it) counts the incidents no other incident
 * caused: in Baton every incident is its own root cause, so it counts as `incidents` does.
 */
function incidentOptions(req: Request): IncidentOptions {
  const incidents = (bool(req.query, 'incidents') ?? false) || (bool(req.query, 'rootIncidents') ?? false);
  return { incidents, incidentsForType: str(req.query, 'incidentsForType'), failedJobs: bool(req.query, 'failedJobs') ?? false };
}

/** Statistics and activity-instance routes, relative to /engine-rest (behind its authentication). */
export function statisticsRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;

  r.get('/process-definition/statistics', async (req, res) => {
    const options = incidentOptions(req);
    const keys = definitionKeys(req, 'READ');
    const [definitions, instances, incidents] = await Promise.all([
      pool.query(`SELECT * FROM process_definition WHERE $1::text[] IS NULL OR key = ANY($1) ORDER BY key, version`, [keys === '*' ? null : keys]),
      instanceCountsByDefinition(pool),
      incidentCounts(pool, 'definition_id', null),
    ]);
    const stats = mergeStatistics(instances, incidents, options);
    sendJson(res, definitions.rows.map((row) => fromRow<ProcessDefinitionRecord>(row)).map((d) => {
      const s = stats.get(d.id) ?? { id: d.id, instances: 0, failedJobs: 0, incidents: [] };
      return { ...s, definition: definitionDto(d) };
    }));
  });

  const activityStatistics = async (req: Request, d: ProcessDefinitionRecord | null, missing: string) => {
    if (!d) throw new NotFoundError(missing);
    requireDefinition(req, d.key, 'READ_INSTANCE');
    const [instances, incidents] = await Promise.all([activityInstanceCounts(pool, d.id), incidentCounts(pool, 'activity_id', d.id)]);
    return [...mergeStatistics(instances, incidents, incidentOptions(req)).values()].sort((a, b) => a.id.localeCompare(b.id));
  };

  r.get('/process-definition/key/:key/statistics', async (req, res) => {
    const d = await ctx.engine.reads.latestDefinitionByKey(String(req.params.key));
    sendJson(res, await activityStatistics(req, d, `No matching process definition with key: ${String(req.params.key)} and no tenant-id`));
  });

  r.get('/process-definition/:id/statistics', async (req, res) => {
    const d = await ctx.engine.reads.getDefinition(String(req.params.id));
    sendJson(res, await activityStatistics(req, d, `No matching definition with id ${String(req.params.id)}`));
  });

  r.get('/process-instance/:id/activity-instances', async (req, res) => {
    const instance = await ctx.engine.reads.getInstance(String(req.params.id));
    if (!instance) throw new NotFoundError(`Process instance with id ${String(req.params.id)} does not exist`);
    requireDefinition(req, instance.definitionKey, 'READ_INSTANCE');
    const [{ model }, incidents] = await Promise.all([ctx.engine.definition(instance.definitionId), ctx.engine.reads.incidentsOfInstance(instance.id)]);
    sendJson(res, activityInstanceTree(instance, model, incidents));
  });

  return r;
}
