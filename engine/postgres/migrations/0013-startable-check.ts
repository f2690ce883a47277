/**
 * The check a start on a cached latest definition sends with its flush
 * (StoreTransaction.expectLatestStartable): raises SQLSTATE BT001 unless the definition is still
 * the highest version of its key and not suspended. A function, because plain SQL has no way
 * to fail a statement on a condition, and a failed statement is what rolls the start back
 * inside the one round trip that carries BEGIN, the flush and COMMIT.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates baton_expect_latest_startable(id, key). */
export class StartableCheck1732400001300 implements MigrationInterface {
  name = 'StartableCheck1732400001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION baton_expect_latest_startable(definition_id text, definition_key text) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (
          SELECT 1 FROM (SELECT id, suspended FROM process_definition WHERE key = definition_key ORDER BY version DESC LIMIT 1) latest
          WHERE latest.id = definition_id AND NOT latest.suspended
        ) THEN
          RAISE EXCEPTION 'process definition % is no longer the startable latest version of %', definition_id, definition_key
            USING ERRCODE = 'BT001';
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION baton_expect_latest_startable(text, text)`);
  }
}
