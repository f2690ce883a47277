/**
 * Event subscriptions: what waits for a message or signal by name. Rows of an instance leave
 * with it; start event subscriptions belong to a definition (process_instance_id NULL) and are
 * replaced when a new version of the key is deployed.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates event_subscription. */
export class EventSubscriptions1732400000700 implements MigrationInterface {
  name = 'EventSubscriptions1732400000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_subscription (
        id text PRIMARY KEY, event_type text NOT NULL, event_name text NOT NULL, process_instance_id text, root_instance_id text,
        definition_id text NOT NULL, definition_key text NOT NULL, activity_id text NOT NULL, token_id text,
        scope_instance_id text, created timestamptz NOT NULL, tenant_id text
      );
      -- Correlation and signal delivery look subscriptions up by name.
      CREATE INDEX event_subscription_name_idx ON event_subscription (event_type, event_name);
      CREATE INDEX event_subscription_instance_idx ON event_subscription (process_instance_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_subscription`);
  }
}
