/**
 * More of Camunda's historic process instance resource: the duration report
 * (GET /history/process-instance/report) and deleting an instance's variable history
 * (DELETE /history/process-instance/{id}/variable-instances). Mounted before the generic
 * history routes, whose `/history/process-instance/:id` would otherwise take `report`.
 */
import { Router } from 'express';
import { logUserOperation, NotFoundError, type UserOperationLogRecord } from '@baton/engine';
import { deleteInstanceVariableHistory } from '@baton/engine/postgres';
import { requireDefinition, restrictByDefinitionKey } from '../../auth/guards';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { date, list, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';

const UNITS = { month: 'month', quarter: 'quarter' } as const;

/** History report and variable-history deletion routes. */
export function historyReportRoutes(ctx: ApiContext): Router {
  const r = Router();

  r.get('/history/process-instance/report', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    if (str(q, 'reportType') !== 'duration') throw new HttpError(400, 'InvalidRequestException', "Unknown report type: 'reportType' must be duration");
    const unit = UNITS[(str(q, 'periodUnit') ?? '') as keyof typeof UNITS];
    if (!unit) throw new HttpError(400, 'InvalidRequestException', "'periodUnit' must be month or quarter");
    // Completed instances only, grouped by the month or quarter they started in (any year), as Camunda.
    const f = new SqlFilter()
      .when(true, 'end_time IS NOT NULL')
      .add('definition_id = ANY(?)', list(q, 'processDefinitionIdIn'))
      .add('definition_key = ANY(?)', list(q, 'processDefinitionKeyIn'))
      .add('start_time < ?', date(q, 'startedBefore'))
      .add('start_time > ?', date(q, 'startedAfter'));
    restrictByDefinitionKey(req, f, 'READ_HISTORY');
    const rows = (await ctx.store.pool.query(
      `SELECT extract(${unit} FROM start_time AT TIME ZONE 'UTC')::int AS period,
              min(extract(epoch FROM end_time - start_time) * 1000)::bigint AS minimum,
              max(extract(epoch FROM end_time - start_time) * 1000)::bigint AS maximum,
              round(avg(extract(epoch FROM end_time - start_time) * 1000))::bigint AS average
         FROM history_process_instance ${f.where} GROUP BY 1 ORDER BY 1`,
      f.params,
    )).rows as Array<{ period: number; minimum: string; maximum: string; average: string }>;
    sendJson(res, rows.map((row) => ({ period: row.period, periodUnit: unit.toUpperCase(), minimum: Number(row.minimum), maximum: Number(row.maximum), average: Number(row.average) })));
  });

  r.delete('/history/process-instance/:id/variable-instances', async (req, res) => {
    const row = (await ctx.store.pool.query('SELECT id, definition_id, definition_key FROM history_process_instance WHERE id = $1', [req.params.id])).rows[0] as
      | { id: string; definition_id: string; definition_key: string }
      | undefined;
    if (!row) throw new NotFoundError(`No historic process instance found with id: ${req.params.id}`);
    requireDefinition(req, row.definition_key, 'DELETE_HISTORY');
    const log: UserOperationLogRecord[] = [];
    const facts = { operationType: 'DeleteHistory', entityType: 'Variable', category: 'Operator', processInstanceId: row.id, processDefinitionId: row.definition_id, processDefinitionKey: row.definition_key } as const;
    logUserOperation(log, facts, [], new Date());
    await deleteInstanceVariableHistory(ctx.store.pool, row.id, log);
    sendNoContent(res);
  });
  return r;
}
