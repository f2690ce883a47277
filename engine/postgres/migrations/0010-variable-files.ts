/**
 * File variables: their bytes live in variable_file (bytea), referenced by `fileId` from the
 * variable's jsonb value, so loading an instance never loads file contents and history keeps
 * the file after the runtime variable is gone.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates variable_file. */
export class VariableFiles1732400001000 implements MigrationInterface {
  name = 'VariableFiles1732400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE variable_file (id text PRIMARY KEY, content bytea NOT NULL, created timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE variable_file`);
  }
}
