/**
 * Columns for Camunda features added after the first schema: the task delegation state
 * (PENDING while a delegate works on a task, RESOLVED after) and incident annotations.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Adds user_task.delegation_state and incident.annotation. */
export class RuntimeColumns1732400000600 implements MigrationInterface {
  name = 'RuntimeColumns1732400000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_task ADD COLUMN delegation_state text; ALTER TABLE incident ADD COLUMN annotation text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_task DROP COLUMN delegation_state; ALTER TABLE incident DROP COLUMN annotation`);
  }
}
