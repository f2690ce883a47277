/**
 * Process KPIs from history, aggregated in Postgres (percentile_cont, width_bucket) so that
 * only one row per activity or bucket leaves the database, never the history itself.
 * Indexes: migration 0005-modeler-kpi-indexes.
 */
import type { Pool } from 'pg';
import type { ActivityKpiDto, CycleTimeBucketDto, DefinitionKpiDto } from '../../../client/modeler-contract';

/** Camunda activity types that mark an error/escalation path (end events and boundary events). */
export const ERROR_PATH_TYPES = ['errorEndEvent', 'escalationEndEvent', 'boundaryError', 'boundaryEscalation'] as const;

/** Number of cycle time histogram bars. */
const BUCKETS = 10;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Per-activity count, median and p90 duration, incidents, for one definition version. */
export async function activityKpis(pool: Pool, definitionId: string): Promise<ActivityKpiDto[]> {
  // Durations only of activity instances that finished normally: a canceled one (terminated,
  // instance deleted) did not take "its" time. Incidents: the engine keeps no incident history
  // yet, so the rate counts the open incidents (switch the source here once it does).
  const { rows } = await pool.query(
    `WITH a AS (
       SELECT activity_id, min(activity_type) AS activity_type, count(*)::int AS count,
              count(*) FILTER (WHERE end_time IS NOT NULL AND NOT canceled)::int AS completed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM end_time - start_time) * 1000)
                FILTER (WHERE end_time IS NOT NULL AND NOT canceled) AS median_ms,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM end_time - start_time) * 1000)
                FILTER (WHERE end_time IS NOT NULL AND NOT canceled) AS p90_ms
         FROM history_activity_instance WHERE definition_id = $1 GROUP BY activity_id),
     i AS (SELECT activity_id, count(*)::int AS incidents FROM (SELECT activity_id FROM incident WHERE definition_id = $1) x GROUP BY activity_id)
     SELECT a.*, coalesce(i.incidents, 0) AS incidents FROM a LEFT JOIN i USING (activity_id) ORDER BY a.activity_id`,
    [definitionId],
  );
  return rows.map((r) => ({
    activityId: String(r.activity_id), activityType: String(r.activity_type), count: Number(r.count), completed: Number(r.completed),
    medianMs: num(r.median_ms), p90Ms: num(r.p90_ms), incidents: Number(r.incidents),
    incidentRate: Number(r.count) > 0 ? Number(r.incidents) / Number(r.count) : 0,
  }));
}

/** Instance counts, error-path share and cycle time distribution of one definition version. */
export async function definitionKpis(pool: Pool, definitionId: string): Promise<Omit<DefinitionKpiDto, 'activities'>> {
  const { rows } = await pool.query(
    `WITH p AS (
       SELECT id, end_time, state, extract(epoch FROM end_time - start_time) * 1000 AS ms
         FROM history_process_instance WHERE definition_id = $1)
     SELECT count(*)::int AS started,
            count(*) FILTER (WHERE end_time IS NULL)::int AS running,
            count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed,
            count(*) FILTER (WHERE state = 'COMPLETED' AND EXISTS (
              SELECT 1 FROM history_activity_instance a WHERE a.process_instance_id = p.id AND a.activity_type = ANY($2)))::int AS error_path,
            min(ms) FILTER (WHERE state = 'COMPLETED') AS min_ms,
            max(ms) FILTER (WHERE state = 'COMPLETED') AS max_ms,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE state = 'COMPLETED') AS median_ms,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY ms) FILTER (WHERE state = 'COMPLETED') AS p90_ms
       FROM p`,
    [definitionId, [...ERROR_PATH_TYPES]],
  );
  const r = rows[0]!;
  const minMs = num(r.min_ms);
  const maxMs = num(r.max_ms);
  const completed = Number(r.completed);
  return {
    definitionId, started: Number(r.started), running: Number(r.running), completed, errorPath: Number(r.error_path),
    errorPathShare: completed > 0 ? Number(r.error_path) / completed : 0,
    cycleTime: { minMs, medianMs: num(r.median_ms), p90Ms: num(r.p90_ms), maxMs, buckets: minMs === null || maxMs === null ? [] : await cycleTimeBuckets(pool, definitionId, minMs, maxMs) },
  };
}

/** Equal-width histogram of completed instances' cycle times between min and max. */
async function cycleTimeBuckets(pool: Pool, definitionId: string, minMs: number, maxMs: number): Promise<CycleTimeBucketDto[]> {
  // width_bucket puts the maximum into bucket n+1; least() folds it into the last bar.
  const width = Math.max(maxMs - minMs, 1) / BUCKETS;
  const { rows } = await pool.query(
    `SELECT least(width_bucket((extract(epoch FROM end_time - start_time) * 1000)::float8, $2::float8, $2::float8 + $3::float8 * $4::int, $4::int), $4::int) AS b,
            count(*)::int AS n
       FROM history_process_instance WHERE definition_id = $1 AND state = 'COMPLETED' GROUP BY 1`,
    [definitionId, minMs, width, BUCKETS],
  );
  const counts = new Map(rows.map((r) => [Number(r.b), Number(r.n)]));
  return Array.from({ length: BUCKETS }, (_, i) => ({ fromMs: minMs + i * width, toMs: minMs + (i + 1) * width, count: counts.get(i + 1) ?? 0 }));
}

