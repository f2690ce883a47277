/**
 * Tasklist tables: saved task filters (Camunda's /filter resource) and task comments; a
 * change counter for live updates; indexes that keep the task list fast at 100,000 open tasks.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates filter, task_comment, the task change counter and the task list indexes. */
export class TasklistTables1732400000400 implements MigrationInterface {
  name = 'TasklistTables1732400000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE filter (
        id text PRIMARY KEY, resource_type text NOT NULL, name text NOT NULL, owner text,
        query jsonb NOT NULL DEFAULT '{}', properties jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX filter_owner_idx ON filter (owner);

      CREATE TABLE task_comment (
        id text PRIMARY KEY, task_id text NOT NULL, process_instance_id text, user_id text,
        time timestamptz NOT NULL, message text NOT NULL
      );
      CREATE INDEX task_comment_task_idx ON task_comment (task_id, time);
      CREATE INDEX task_comment_instance_idx ON task_comment (process_instance_id);

      -- Live updates across N stateless nodes: every statement that changes user_task bumps one
      -- sequence; clients poll its value (an ETag). A statement-level trigger costs one nextval
      -- per flush, not per row, and sequences never block concurrent transactions.
      CREATE SEQUENCE task_change_seq;
      CREATE FUNCTION task_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM nextval('task_change_seq'); RETURN NULL; END $$;
      CREATE TRIGGER user_task_change AFTER INSERT OR UPDATE OR DELETE ON user_task
        FOR EACH STATEMENT EXECUTE FUNCTION task_change_bump();

      -- Sort orders of the task list (first pages come straight from an index).
      CREATE INDEX user_task_priority_idx ON user_task (priority DESC, id);
      CREATE INDEX user_task_due_idx ON user_task (due, id);
      CREATE INDEX user_task_business_key_idx ON user_task (business_key);
      CREATE INDEX user_task_definition_key_idx ON user_task (definition_key);
    `);
    // Substring search on names is fast with trigram indexes; pg_trgm is optional (managed
    // Postgres may not allow extensions), without it ILIKE scans, which stays acceptable.
    await q.query(`
      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX user_task_name_trgm_idx ON user_task USING gin (name gin_trgm_ops);
      EXCEPTION WHEN others THEN RAISE NOTICE 'pg_trgm unavailable: task name search without trigram index';
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS user_task_name_trgm_idx;
      DROP INDEX user_task_priority_idx, user_task_due_idx, user_task_business_key_idx, user_task_definition_key_idx;
      DROP TRIGGER user_task_change ON user_task;
      DROP FUNCTION task_change_bump();
      DROP SEQUENCE task_change_seq;
      DROP TABLE task_comment, filter;
    `);
  }
}
