/**
 * Task attachments (Camunda's /task/{id}/attachment): a link (url) or content (bytea) with a
 * name, description and type, kept with the instance's history.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates task_attachment. */
export class TaskAttachments1732400001100 implements MigrationInterface {
  name = 'TaskAttachments1732400001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_attachment (
        id text PRIMARY KEY, task_id text NOT NULL, process_instance_id text, user_id text, name text, description text,
        type text, url text, content bytea, create_time timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX task_attachment_task_idx ON task_attachment (task_id, create_time);
      CREATE INDEX task_attachment_instance_idx ON task_attachment (process_instance_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_attachment`);
  }
}
