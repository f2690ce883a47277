/**
 * The user operation log ("who did what", Camunda's ACT_HI_OP_LOG): one row per changed
 * property of a user-initiated operation, written in the same transaction as the change.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates user_operation_log and the indexes behind its REST filters. */
export class UserOperationLog1732400000900 implements MigrationInterface {
  name = 'UserOperationLog1732400000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_operation_log (
        id text PRIMARY KEY, operation_id text NOT NULL, operation_type text NOT NULL, entity_type text NOT NULL,
        category text NOT NULL, property text, org_value text, new_value text, user_id text NOT NULL,
        timestamp timestamptz NOT NULL, deployment_id text, process_definition_id text, process_definition_key text,
        process_instance_id text, root_process_instance_id text, execution_id text, task_id text, job_id text,
        job_definition_id text, external_task_id text, batch_id text, annotation text
      );
      CREATE INDEX user_operation_log_time_idx ON user_operation_log (timestamp, id);
      CREATE INDEX user_operation_log_operation_idx ON user_operation_log (operation_id);
      CREATE INDEX user_operation_log_instance_idx ON user_operation_log (process_instance_id);
      CREATE INDEX user_operation_log_task_idx ON user_operation_log (task_id);
      CREATE INDEX user_operation_log_user_idx ON user_operation_log (user_id, timestamp);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_operation_log`);
  }
}
