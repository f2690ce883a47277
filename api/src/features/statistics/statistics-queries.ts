/**
 * SQL behind Camunda's runtime statistics: running activity instances per activity (from the
 * tokens in process_instance.state) and open incidents per activity and type.
 */
import type { Pool } from 'pg';
import type { IncidentStatisticsDto } from '../../../client/modeler-contract';

/** Which incident counts to include (Camunda's `incidents` / `incidentsForType` parameters). */
export interface IncidentOptions {
  readonly incidents: boolean;
  readonly incidentsForType: string | undefined;
  readonly failedJobs: boolean;
}

/** Incident type whose count Camunda reports as `failedJobs` (a job with no retries left). */
const FAILED_JOB = 'failedJob';

/** Counts of one grouping key (an activity id or a definition id). */
export interface StatisticsRow {
  readonly id: string;
  instances: number;
  failedJobs: number;
  incidents: IncidentStatisticsDto[];
}

/** Running activity instances per activity of one definition: one row per waiting token's element. */
export async function activityInstanceCounts(pool: Pool, definitionId: string): Promise<Map<string, number>> {
  // Tokens live in the instance's jsonb state; unnesting them in SQL keeps the aggregation in
  // Postgres (one row per activity comes back, not one per instance). `ready` tokens never
  // survive a command, so every stored token is a running activity instance.
  const { rows } = await pool.query(
    `SELECT t->>'elementId' AS id, count(*)::int AS n
       FROM process_instance p CROSS JOIN LATERAL jsonb_array_elements(p.state->'tokens') t
      WHERE p.definition_id = $1
      GROUP BY 1`,
    [definitionId],
  );
  return new Map(rows.map((r) => [String(r.id), Number(r.n)]));
}

/** Running instances per definition (all definitions). */
export async function instanceCountsByDefinition(pool: Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query(`SELECT definition_id AS id, count(*)::int AS n FROM process_instance GROUP BY 1`);
  return new Map(rows.map((r) => [String(r.id), Number(r.n)]));
}

/** Open incidents grouped by `column` (activity_id or definition_id) and type. */
export async function incidentCounts(
  pool: Pool,
  column: 'activity_id' | 'definition_id',
  definitionId: string | null,
): Promise<Array<{ id: string; type: string; n: number }>> {
  const { rows } = await pool.query(
    `SELECT ${column} AS id, incident_type AS type, count(*)::int AS n FROM incident
      WHERE ($1::text IS NULL OR definition_id = $1) GROUP BY 1, 2`,
    [definitionId],
  );
  return rows.map((r) => ({ id: String(r.id), type: String(r.type), n: Number(r.n) }));
}

/** Merges instance and incident counts into Camunda's statistics rows, as the options ask. */
export function mergeStatistics(
  instances: ReadonlyMap<string, number>,
  incidents: ReadonlyArray<{ id: string; type: string; n: number }>,
  options: IncidentOptions,
): Map<string, StatisticsRow> {
  const out = new Map<string, StatisticsRow>();
  const row = (id: string) => {
    let r = out.get(id);
    if (!r) out.set(id, (r = { id, instances: 0, failedJobs: 0, incidents: [] }));
    return r;
  };
  for (const [id, n] of instances) row(id).instances = n;
  for (const i of incidents) {
    if (options.failedJobs && i.type === FAILED_JOB) row(i.id).failedJobs += i.n;
    const wanted = options.incidentsForType ? i.type === options.incidentsForType : options.incidents;
    if (wanted) row(i.id).incidents.push({ incidentType: i.type, incidentCount: i.n });
  }
  return out;
}
