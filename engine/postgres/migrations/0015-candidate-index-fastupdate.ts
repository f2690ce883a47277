/**
 * The GIN indexes on user_task's candidate arrays write straight into the index
 * (`fastupdate = off`) instead of into GIN's pending list.
 *
 * Why: with the default, each new task's entries go into an unsorted pending list that every
 * query on the index reads in full until VACUUM or an insert that overflows
 * gin_pending_list_limit (4 MB) merges it. Tasks come and go all day, so the list is rarely
 * empty: after 15 s of task churn on a 100,000-task table it held 182,000 entries, and counting
 * one group's 5,000 tasks took 25 ms against 5.7 ms without it. Every candidate query reads
 * these indexes: candidateGroup(s), candidateUser, and the visibility condition of every task
 * query by a user who is not an administrator. What it costs: one posting-list insert per
 * array per task; creating and deleting tasks ran at the same rate with and without the list
 * (pgbench, three alternating rounds each: +3 % and −2 % on average, single rounds −7 to +9 %).
 * The trigram index on task names keeps the list: a name has about eight trigrams, writing them
 * directly cost ~7 % there, and only name searches read it.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Turns off fastupdate on user_task_groups_idx and user_task_users_idx and merges their pending lists. */
export class CandidateIndexFastupdate1732400001500 implements MigrationInterface {
  name = 'CandidateIndexFastupdate1732400001500';

  async up(q: QueryRunner): Promise<void> {
    // Turning the option off keeps what is already listed; gin_clean_pending_list merges it.
    await q.query(`
      ALTER INDEX user_task_groups_idx SET (fastupdate = off);
      ALTER INDEX user_task_users_idx SET (fastupdate = off);
      SELECT gin_clean_pending_list('user_task_groups_idx'), gin_clean_pending_list('user_task_users_idx');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX user_task_groups_idx RESET (fastupdate); ALTER INDEX user_task_users_idx RESET (fastupdate)`);
  }
}
