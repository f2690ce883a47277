/**
 * A task without candidate users (or groups) stores NULL in candidate_users (candidate_groups),
 * not an empty array; a CHECK keeps empty arrays out.
 *
 * Why: PostgreSQL estimates `candidate_users @> {u}` from the column's most common elements.
 * When no task has a candidate user, which is usual where processes name groups only, ANALYZE
 * records no elements and the planner assumes 0.5 % of the table for every user (500 rows of
 * 100,000); NULLs it counts as no match. The visibility condition of an employee who is in no
 * group and sees no task (api/src/auth/guards.ts) then looked 700 rows large, and their first
 * page, newest first, walked the created index backwards through all 100,000 open tasks
 * looking for 50 visible ones: 34–47 ms, growing with the table. With NULLs it is a bitmap of
 * their own tasks: 0.06 ms. Not cured here: a group that holds few tasks and is missing from
 * the statistics' common elements is still estimated at up to 0.5 %; task pages bound that
 * walk instead (pageOfTasks in api/src/features/task/task-queries.ts).
 * Records keep empty arrays: row-mapping.ts converts at the table's edge.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Candidate arrays become nullable, empty ones NULL, and a CHECK forbids empty arrays. */
export class NoCandidatesAsNull1732400001700 implements MigrationInterface {
  name = 'NoCandidatesAsNull1732400001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE user_task
        ALTER COLUMN candidate_users DROP NOT NULL, ALTER COLUMN candidate_users DROP DEFAULT,
        ALTER COLUMN candidate_groups DROP NOT NULL, ALTER COLUMN candidate_groups DROP DEFAULT;
      UPDATE user_task SET candidate_users = NULLIF(candidate_users, '{}'), candidate_groups = NULLIF(candidate_groups, '{}')
        WHERE candidate_users = '{}' OR candidate_groups = '{}';
      ALTER TABLE user_task ADD CONSTRAINT user_task_candidates_not_empty CHECK (candidate_users <> '{}' AND candidate_groups <> '{}');
    `);
    // No ANALYZE here: on a new (empty) table it would record zero rows, and plans cached per
    // connection would then read the table sequentially however big it grows
    // (engine/test/postgres/cached-plans.test.ts). Autovacuum analyzes after the UPDATE.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE user_task DROP CONSTRAINT user_task_candidates_not_empty;
      UPDATE user_task SET candidate_users = coalesce(candidate_users, '{}'), candidate_groups = coalesce(candidate_groups, '{}')
        WHERE candidate_users IS NULL OR candidate_groups IS NULL;
      ALTER TABLE user_task
        ALTER COLUMN candidate_users SET DEFAULT '{}', ALTER COLUMN candidate_users SET NOT NULL,
        ALTER COLUMN candidate_groups SET DEFAULT '{}', ALTER COLUMN candidate_groups SET NOT NULL;
    `);
  }
}
