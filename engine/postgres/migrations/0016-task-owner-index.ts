/**
 * An index on user_task.owner, partial on owned tasks.
 *
 * Why: every task query by a user who is not an administrator carries the visibility
 * condition `assignee = u OR owner = u OR candidate_users @> {u} OR candidate_groups && groups`
 * (api/src/auth/guards.ts). PostgreSQL can answer an OR through indexes only when every arm has
 * one; `owner` had none, so such a count, or a page the created-index walk does not serve, read
 * the whole table. With 100,000 open tasks, counting the 5,200 a group member sees took 34 ms
 * (a parallel sequential scan) and 8.4 ms with the index (a bitmap OR). Partial: only delegated
 * tasks have an owner, so creating and completing the others writes no entry.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates user_task_owner_idx (owner) WHERE owner IS NOT NULL. */
export class TaskOwnerIndex1732400001600 implements MigrationInterface {
  name = 'TaskOwnerIndex1732400001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX user_task_owner_idx ON user_task (owner) WHERE owner IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX user_task_owner_idx`);
  }
}
