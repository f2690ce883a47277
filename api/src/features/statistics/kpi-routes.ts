/**
 * Baton addition (not in Camunda 7): process KPIs from history, for the modeler's heat map.
 * `GET /baton/api/kpi/process-definition/{id}` → DefinitionKpiDto.
 */
import { Router, type RequestHandler } from 'express';
import { NotFoundError } from '@baton/engine';
import { requireDefinition } from '../../auth/guards';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import type { DefinitionKpiDto } from '../../../client/modeler-contract';
import { activityKpis, definitionKpis } from './kpi-queries';

/** KPI routes, relative to /baton/api; `guard` authenticates. */
export function kpiRoutes(ctx: ApiContext, guard: RequestHandler): Router {
  const r = Router();
  r.get('/kpi/process-definition/:id', guard, async (req, res) => {
    const d = await ctx.engine.reads.getDefinition(String(req.params.id));
    if (!d) throw new NotFoundError(`No matching definition with id ${String(req.params.id)}`);
    requireDefinition(req, d.key, 'READ_HISTORY');
    const [summary, activities] = await Promise.all([definitionKpis(ctx.store.pool, d.id), activityKpis(ctx.store.pool, d.id)]);
    const body: DefinitionKpiDto = { ...summary, activities };
    sendJson(res, body);
  });
  return r;
}
