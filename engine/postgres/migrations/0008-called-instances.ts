/**
 * Indexes for call activities: listing the instances a process instance called
 * (`superProcessInstance=`, `superProcessInstanceId=`) and finding the caller of one. Partial,
 * because most instances are not called by anyone. And the called instance of a call activity's
 * history row (Camunda's calledProcessInstanceId).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes process_instance and history_process_instance by super_instance_id; adds history_activity_instance.called_instance_id. */
export class CalledInstances1732400000800 implements MigrationInterface {
  name = 'CalledInstances1732400000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX process_instance_super_idx ON process_instance (super_instance_id) WHERE super_instance_id IS NOT NULL;
       CREATE INDEX history_process_instance_super_idx ON history_process_instance (super_instance_id) WHERE super_instance_id IS NOT NULL;
       ALTER TABLE history_activity_instance ADD COLUMN called_instance_id text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX process_instance_super_idx; DROP INDEX history_process_instance_super_idx; ALTER TABLE history_activity_instance DROP COLUMN called_instance_id`);
  }
}
