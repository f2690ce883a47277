/**
 * Jobs (async continuations, timers) and external tasks. Both are per-instance runtime rows
 * (timer start jobs: process_instance_id NULL) and leave with their instance. The partial
 * indexes back the acquisition queries: only rows that can still be acquired are indexed.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates job and external_task, and links incidents to them. */
export class Jobs1732400000300 implements MigrationInterface {
  name = 'Jobs1732400000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job (
        id text PRIMARY KEY, process_instance_id text, definition_id text NOT NULL, definition_key text NOT NULL,
        element_id text NOT NULL, token_id text, handler_type text NOT NULL, handler_config text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}', due_at timestamptz NOT NULL, retries integer NOT NULL, retry_cycle text,
        priority integer NOT NULL DEFAULT 0, exclusive boolean NOT NULL DEFAULT true, suspended boolean NOT NULL DEFAULT false,
        lock_owner text, lock_expires_at timestamptz, exception_message text, exception_stacktrace text,
        created timestamptz NOT NULL, tenant_id text
      );
      -- Acquisition: ORDER BY priority DESC, due_at over acquirable rows only.
      CREATE INDEX job_acquisition_idx ON job (priority DESC, due_at) WHERE retries > 0 AND NOT suspended;
      CREATE INDEX job_instance_idx ON job (process_instance_id);
      CREATE INDEX job_lock_owner_idx ON job (lock_owner) WHERE lock_owner IS NOT NULL;
      CREATE INDEX job_definition_key_idx ON job (definition_key, handler_type);

      CREATE TABLE external_task (
        id text PRIMARY KEY, process_instance_id text NOT NULL, definition_id text NOT NULL, definition_key text NOT NULL,
        activity_id text NOT NULL, activity_instance_id text NOT NULL, token_id text NOT NULL, topic_name text NOT NULL,
        business_key text, worker_id text, lock_expires_at timestamptz, retries integer, error_message text, error_details text,
        priority integer NOT NULL DEFAULT 0, suspended boolean NOT NULL DEFAULT false, created timestamptz NOT NULL, tenant_id text
      );
      CREATE INDEX external_task_fetch_idx ON external_task (topic_name, priority DESC, created) WHERE NOT suspended;
      CREATE INDEX external_task_instance_idx ON external_task (process_instance_id);

      ALTER TABLE incident ADD COLUMN configuration text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE external_task, job; ALTER TABLE incident DROP COLUMN configuration;`);
  }
}
