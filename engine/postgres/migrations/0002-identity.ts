/**
 * Users, groups, memberships and authorizations (Camunda 7's identity and authorization
 * model), plus server settings such as the session signing secret shared by all nodes.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the identity and authorization tables. */
export class Identity1732400000001 implements MigrationInterface {
  name = 'Identity1732400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id text PRIMARY KEY, first_name text, last_name text, email text, password_hash text NOT NULL
      );
      CREATE TABLE app_group (id text PRIMARY KEY, name text, type text);
      CREATE TABLE membership (
        user_id text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        group_id text NOT NULL REFERENCES app_group (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, group_id)
      );
      CREATE INDEX membership_group_idx ON membership (group_id);
      -- type: 0 global (applies to everyone), 1 grant, 2 revoke (Camunda's numbering).
      CREATE TABLE app_authorization (
        id text PRIMARY KEY, type integer NOT NULL, user_id text, group_id text,
        resource_type integer NOT NULL, resource_id text NOT NULL, permissions text[] NOT NULL
      );
      CREATE INDEX app_authorization_user_idx ON app_authorization (user_id);
      CREATE INDEX app_authorization_group_idx ON app_authorization (group_id);
      CREATE TABLE baton_setting (key text PRIMARY KEY, value text NOT NULL);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE baton_setting, app_authorization, membership, app_group, app_user`);
  }
}
