/**
 * Indexes behind the modeler's statistics and KPI queries (api/src/features/statistics):
 * covering indexes so that the per-definition aggregations (percentiles of durations, cycle
 * times, incident counts) read only index pages, not whole history rows.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Adds the KPI and statistics indexes. */
export class ModelerKpiIndexes1732400000500 implements MigrationInterface {
  name = 'ModelerKpiIndexes1732400000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX history_activity_instance_kpi_idx ON history_activity_instance (definition_id, activity_id)
        INCLUDE (activity_type, start_time, end_time, canceled);
      CREATE INDEX history_activity_instance_type_idx ON history_activity_instance (process_instance_id, activity_type);
      CREATE INDEX history_process_instance_definition_idx ON history_process_instance (definition_id, state)
        INCLUDE (start_time, end_time);
      CREATE INDEX incident_definition_activity_idx ON incident (definition_id, activity_id, incident_type);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX history_activity_instance_kpi_idx, history_activity_instance_type_idx,
        history_process_instance_definition_idx, incident_definition_activity_idx;
    `);
  }
}
