/**
 * history_process_instance.start_user_id: who started the instance, as Camunda 7's
 * HistoricProcessInstance.startUserId (and its `startedBy` filter). Null for instances started
 * without a user (timers, the job executor) and for those started before this migration.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Adds history_process_instance.start_user_id. */
export class StartUserId1732400001800 implements MigrationInterface {
  name = 'StartUserId1732400001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE history_process_instance ADD COLUMN start_user_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE history_process_instance DROP COLUMN start_user_id`);
  }
}
