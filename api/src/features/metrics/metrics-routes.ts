/**
 * Metrics (Camunda 7), computed from history: flow node instances started/ended, root process
 * instances started, unique task workers. Sums and time buckets run in PostgreSQL.
 */
import { Router } from 'express';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson } from '../../http/json';
import { date, int, page, str } from '../../http/params';
import { requireAdmin } from '../../auth/guards';

/** Metric name → (table, timestamp column, value expression, extra condition). */
const METRICS: Record<string, { table: string; time: string; value: string; where?: string }> = {
  'activity-instance-start': { table: 'history_activity_instance', time: 'start_time', value: 'count(*)' },
  'flow-node-instances': { table: 'history_activity_instance', time: 'start_time', value: 'count(*)' },
  'activity-instance-end': { table: 'history_activity_instance', time: 'end_time', value: 'count(*)' },
  'root-process-instance-start': { table: 'history_process_instance', time: 'start_time', value: 'count(*)', where: 'super_instance_id IS NULL' },
  'process-instances': { table: 'history_process_instance', time: 'start_time', value: 'count(*)', where: 'super_instance_id IS NULL' },
  'unique-task-workers': { table: 'history_task', time: 'end_time', value: 'count(DISTINCT assignee)', where: 'assignee IS NOT NULL' },
  'task-users': { table: 'history_task', time: 'end_time', value: 'count(DISTINCT assignee)', where: 'assignee IS NOT NULL' },
};

function metricOf(name: string) {
  const m = Object.hasOwn(METRICS, name) ? METRICS[name] : undefined;
  if (!m) throw new HttpError(400, 'InvalidRequestException', `Invalid metric name '${name}'; Baton reports ${Object.keys(METRICS).join(', ')}`);
  return m;
}

/** Metrics routes (administrators). */
export function metricsRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/metrics/:name/sum', async (req, res) => {
    requireAdmin(req, 'read metrics');
    const m = metricOf(req.params.name);
    const sql = `SELECT ${m.value}::bigint AS result FROM ${m.table} WHERE ${m.time} IS NOT NULL AND ($1::timestamptz IS NULL OR ${m.time} >= $1) AND ($2::timestamptz IS NULL OR ${m.time} < $2)${m.where ? ` AND ${m.where}` : ''}`;
    const row = (await ctx.store.pool.query(sql, [date(req.query, 'startDate') ?? null, date(req.query, 'endDate') ?? null])).rows[0];
    sendJson(res, { result: Number(row.result) });
  });

  r.get('/metrics', async (req, res) => {
    requireAdmin(req, 'read metrics');
    const interval = int(req.query, 'interval') ?? 900;
    if (interval <= 0) throw new HttpError(400, 'InvalidRequestException', "Cannot set query parameter 'interval': must be positive");
    // Paged like every list (firstResult/maxResults checked and capped); 1,000 buckets by default.
    const { offset, limit: pageSize } = page({ maxResults: String(Math.min(1000, ctx.config.maxResults)), ...req.query }, ctx.config.maxResults);
    const limit = offset + pageSize;
    const names = str(req.query, 'name') ? [str(req.query, 'name')!] : Object.keys(METRICS);
    const out: Array<{ timestamp: string; name: string; reporter: null; value: number }> = [];
    for (const name of names) {
      const m = metricOf(name);
      const sql = `SELECT to_timestamp(floor(extract(epoch FROM ${m.time}) / $3) * $3) AS bucket, ${m.value}::bigint AS value FROM ${m.table}
        WHERE ${m.time} IS NOT NULL AND ($1::timestamptz IS NULL OR ${m.time} >= $1) AND ($2::timestamptz IS NULL OR ${m.time} < $2)${m.where ? ` AND ${m.where}` : ''}
        GROUP BY bucket ORDER BY bucket DESC LIMIT $4`;
      const rows = await ctx.store.pool.query(sql, [date(req.query, 'startDate') ?? null, date(req.query, 'endDate') ?? null, interval, limit]);
      for (const row of rows.rows) out.push({ timestamp: (row.bucket as Date).toISOString().replace('Z', '+0000'), name, reporter: null, value: Number(row.value) });
    }
    sendJson(res, out.sort((a, b) => b.timestamp.localeCompare(a.timestamp)).slice(offset, limit));
  });
  return r;
}
