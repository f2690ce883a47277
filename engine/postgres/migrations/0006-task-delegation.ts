/**
 * Camunda's task delegation state (PENDING while a delegate works on a task, RESOLVED after).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Adds user_task.delegation_state. */
export class TaskDelegation1732400000600 implements MigrationInterface {
  name = 'TaskDelegation1732400000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_task ADD COLUMN delegation_state text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_task DROP COLUMN delegation_state`);
  }
}
