/**
 * process_definition: `camunda:isStartableInTasklist` and the candidate starters
 * (`camunda:candidateStarterUsers` / `candidateStarterGroups`), which Baton ignored before.
 * Camunda 7's REST API filters on them (`startableInTasklist`, `notStartableInTasklist`,
 * `startableBy`); definitions deployed before this migration keep the defaults (startable,
 * no candidate starters) until deployed again.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Adds startable_in_tasklist, candidate_starter_users and candidate_starter_groups. */
export class DefinitionStarters1732400001900 implements MigrationInterface {
  name = 'DefinitionStarters1732400001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE process_definition
        ADD COLUMN startable_in_tasklist boolean NOT NULL DEFAULT true,
        ADD COLUMN candidate_starter_users text[] NOT NULL DEFAULT '{}',
        ADD COLUMN candidate_starter_groups text[] NOT NULL DEFAULT '{}'
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE process_definition DROP COLUMN startable_in_tasklist, DROP COLUMN candidate_starter_users, DROP COLUMN candidate_starter_groups`);
  }
}
