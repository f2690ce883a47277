/**
 * Initial schema. Runtime tables keep only running instances (rows leave when an instance
 * ends); history tables are append/update only. Every per-instance table carries
 * process_instance_id (a future shard key) and indexes back the queries the API runs.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the deployment, runtime and history tables. */
export class InitialSchema1732400000000 implements MigrationInterface {
  name = 'InitialSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deployment (
        id text PRIMARY KEY, name text, source text, deployment_time timestamptz NOT NULL, tenant_id text
      );
      CREATE INDEX deployment_name_time_idx ON deployment (name, deployment_time DESC);

      CREATE TABLE resource (
        id text PRIMARY KEY, deployment_id text NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
        name text NOT NULL, content text NOT NULL, hash text NOT NULL, UNIQUE (deployment_id, name)
      );

      CREATE TABLE process_definition (
        id text PRIMARY KEY, key text NOT NULL, version integer NOT NULL, version_tag text, name text,
        deployment_id text NOT NULL REFERENCES deployment (id) ON DELETE CASCADE, resource_name text NOT NULL,
        is_executable boolean NOT NULL, suspended boolean NOT NULL DEFAULT false, tenant_id text,
        UNIQUE (key, version)
      );
      CREATE INDEX process_definition_deployment_idx ON process_definition (deployment_id);

      CREATE TABLE process_instance (
        id text PRIMARY KEY, definition_id text NOT NULL REFERENCES process_definition (id),
        definition_key text NOT NULL, business_key text, root_instance_id text NOT NULL, super_instance_id text,
        start_time timestamptz NOT NULL, tenant_id text, suspended boolean NOT NULL DEFAULT false,
        state jsonb NOT NULL, revision integer NOT NULL
      );
      CREATE INDEX process_instance_definition_idx ON process_instance (definition_id);
      CREATE INDEX process_instance_key_idx ON process_instance (definition_key);
      CREATE INDEX process_instance_business_key_idx ON process_instance (business_key) WHERE business_key IS NOT NULL;

      CREATE TABLE variable (
        id text PRIMARY KEY, process_instance_id text NOT NULL, scope_id text NOT NULL, name text NOT NULL,
        type text NOT NULL, value jsonb, revision integer NOT NULL,
        UNIQUE (process_instance_id, scope_id, name)
      );
      CREATE INDEX variable_name_idx ON variable (name);

      CREATE TABLE user_task (
        id text PRIMARY KEY, process_instance_id text NOT NULL, definition_id text NOT NULL, definition_key text NOT NULL,
        token_id text NOT NULL, activity_instance_id text NOT NULL, task_definition_key text NOT NULL,
        name text, description text, assignee text, owner text,
        candidate_users text[] NOT NULL DEFAULT '{}', candidate_groups text[] NOT NULL DEFAULT '{}',
        created timestamptz NOT NULL, due timestamptz, follow_up timestamptz, priority integer NOT NULL,
        form_key text, form_ref jsonb, business_key text, suspended boolean NOT NULL DEFAULT false
      );
      CREATE INDEX user_task_instance_idx ON user_task (process_instance_id);
      CREATE INDEX user_task_assignee_idx ON user_task (assignee, created);
      CREATE INDEX user_task_created_idx ON user_task (created);
      CREATE INDEX user_task_groups_idx ON user_task USING gin (candidate_groups);
      CREATE INDEX user_task_users_idx ON user_task USING gin (candidate_users);

      CREATE TABLE incident (
        id text PRIMARY KEY, process_instance_id text NOT NULL, definition_id text NOT NULL, activity_id text NOT NULL,
        token_id text NOT NULL, incident_type text NOT NULL, error_code text NOT NULL, message text NOT NULL,
        timestamp timestamptz NOT NULL
      );
      CREATE INDEX incident_instance_idx ON incident (process_instance_id);

      CREATE TABLE history_process_instance (
        id text PRIMARY KEY, business_key text, definition_id text NOT NULL, definition_key text NOT NULL,
        definition_name text, definition_version integer NOT NULL, start_time timestamptz NOT NULL, end_time timestamptz,
        start_activity_id text, end_activity_id text, state text NOT NULL, root_instance_id text NOT NULL,
        super_instance_id text, delete_reason text, tenant_id text
      );
      CREATE INDEX history_process_instance_key_idx ON history_process_instance (definition_key, start_time);
      CREATE INDEX history_process_instance_business_key_idx ON history_process_instance (business_key) WHERE business_key IS NOT NULL;

      CREATE TABLE history_activity_instance (
        id text PRIMARY KEY, process_instance_id text NOT NULL, definition_id text NOT NULL, activity_id text NOT NULL,
        activity_name text, activity_type text NOT NULL, parent_activity_instance_id text NOT NULL, task_id text,
        start_time timestamptz NOT NULL, end_time timestamptz, canceled boolean NOT NULL, sequence integer NOT NULL
      );
      CREATE INDEX history_activity_instance_instance_idx ON history_activity_instance (process_instance_id, sequence);
      CREATE INDEX history_activity_instance_definition_idx ON history_activity_instance (definition_id, activity_id);

      CREATE TABLE history_task (
        id text PRIMARY KEY, process_instance_id text NOT NULL, definition_id text NOT NULL, definition_key text NOT NULL,
        task_definition_key text NOT NULL, activity_instance_id text NOT NULL, name text, description text,
        assignee text, owner text, start_time timestamptz NOT NULL, end_time timestamptz, due timestamptz,
        follow_up timestamptz, priority integer NOT NULL, delete_reason text
      );
      CREATE INDEX history_task_instance_idx ON history_task (process_instance_id);
      CREATE INDEX history_task_assignee_idx ON history_task (assignee);

      CREATE TABLE history_variable (
        id text PRIMARY KEY, process_instance_id text NOT NULL, scope_id text NOT NULL, name text NOT NULL,
        type text NOT NULL, value jsonb, create_time timestamptz NOT NULL, state text NOT NULL
      );
      CREATE INDEX history_variable_instance_idx ON history_variable (process_instance_id);

      CREATE TABLE history_variable_update (
        id text PRIMARY KEY, variable_id text NOT NULL, process_instance_id text NOT NULL, name text NOT NULL,
        type text NOT NULL, value jsonb, time timestamptz NOT NULL, revision integer NOT NULL
      );
      CREATE INDEX history_variable_update_instance_idx ON history_variable_update (process_instance_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE history_variable_update, history_variable, history_task, history_activity_instance,
        history_process_instance, incident, user_task, variable, process_instance, process_definition, resource, deployment;
    `);
  }
}
