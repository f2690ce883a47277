/**
 * The check a command on a cached working set sends with its flush
 * (StoreTransaction.expectRevision): locks the instance row and raises SQLSTATE BT002 unless
 * the row is still there at the cached revision. After waiting for another command's lock,
 * the row is re-checked as that command left it (READ COMMITTED re-evaluates the condition on
 * the new row version), so a command committed meanwhile always fails the check.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates baton_expect_revision(instance id, revision). */
export class RevisionCheck1732400001400 implements MigrationInterface {
  name = 'RevisionCheck1732400001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION baton_expect_revision(instance_id text, expected integer) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM process_instance WHERE id = instance_id AND revision = expected FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'process instance % changed since revision %', instance_id, expected USING ERRCODE = 'BT002';
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION baton_expect_revision(text, integer)`);
  }
}
