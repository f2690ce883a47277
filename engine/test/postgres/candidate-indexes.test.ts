/**
 * The candidate indexes of user_task take new tasks straight into the index, not into GIN's
 * pending list, which every candidate query would otherwise read in full (migration 0015).
 * The trigram index on names keeps its list; it shows that the measurement sees one.
 * No candidates is stored as NULL, never as an empty array (migration 0017, which converts
 * existing tasks and converts them back down).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { Engine } from '../../src';
import { NoCandidatesAsNull1732400001700 } from '../../postgres/migrations/0017-no-candidates-as-null';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { insertTaskRows } from '../../../test/support/task-rows';
import { fixture, vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('candidate_indexes');
});
afterAll(async () => {
  await db?.drop();
});

async function pendingTuples(index: string): Promise<number> {
  const rows = await db.store.pool.query(`SELECT pending_tuples FROM pgstatginindex($1::regclass)`, [index]);
  return Number(rows.rows[0].pending_tuples);
}

describe('candidate indexes (PostgreSQL)', () => {
  it('hold no pending entries after tasks with candidate groups and users are created and completed', async () => {
    await db.store.pool.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const engine = new Engine({ store: db.store });
    await engine.deploy({ name: 'candidates', resources: [{ name: 'user-task.bpmn', content: fixture('user-task.bpmn') }] });
    const started = [];
    for (let i = 0; i < 40; i++) {
      started.push(await engine.startProcessInstance({ key: 'userTaskProcess', variables: vars({ subject: `case ${i}`, reviewer: null, prio: 50 }) }));
    }
    for (const s of started.slice(0, 20)) {
      const [task] = await engine.reads.findTasks({ processInstanceId: s.instanceId });
      await engine.completeTask(task!.id, {});
    }

    expect(await pendingTuples('user_task_groups_idx')).toBe(0);
    expect(await pendingTuples('user_task_users_idx')).toBe(0);
    const trigrams = await db.store.pool.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'user_task_name_trgm_idx'`);
    if (trigrams.rowCount) expect(await pendingTuples('user_task_name_trgm_idx')).toBeGreaterThan(0); // pg_trgm is optional (migration 0004)

    const groups = await db.store.pool.query(`SELECT count(*)::int AS n FROM user_task WHERE candidate_groups @> ARRAY['management']`);
    expect(groups.rows[0].n).toBe(20);
  });

  it('stores no candidates as NULL and reads it back as empty lists', async () => {
    const engine = new Engine({ store: db.store });
    await engine.deploy({ name: 'candidates-null', resources: [{ name: 'user-task.bpmn', content: fixture('user-task.bpmn') }] });
    const { instanceId } = await engine.startProcessInstance({ key: 'userTaskProcess', variables: vars({ subject: 'null', reviewer: null, prio: 50 }) });
    const [task] = await engine.reads.findTasks({ processInstanceId: instanceId });
    const stored = async () => (await db.store.pool.query(`SELECT candidate_users, candidate_groups FROM user_task WHERE id = $1`, [task!.id])).rows[0];
    expect(await stored()).toEqual({ candidate_users: ['mary'], candidate_groups: ['sales', 'management'] });

    await engine.updateTask(task!.id, { candidateUsers: [] });
    expect(await stored()).toEqual({ candidate_users: null, candidate_groups: ['sales', 'management'] });
    await engine.updateTask(task!.id, { candidateGroups: [] });
    expect(await stored()).toEqual({ candidate_users: null, candidate_groups: null });
    const read = await engine.reads.getTask(task!.id);
    expect([read!.candidateUsers, read!.candidateGroups]).toEqual([[], []]);
    expect(await engine.reads.findTasks({ candidateUser: 'mary' })).not.toContainEqual(expect.objectContaining({ id: task!.id }));

    await engine.updateTask(task!.id, { candidateUsers: ['mary'] });
    expect(await stored()).toEqual({ candidate_users: ['mary'], candidate_groups: null });
    await engine.completeTask(task!.id, {}); // the instance loads the task from its row
  });

  it('refuses an empty candidate array written past the engine', async () => {
    await expect(insertTaskRows(db.store.pool, [{ id: 'empty', candidateUsers: [] }])).rejects.toThrow(/user_task_candidates_not_empty/);
    await insertTaskRows(db.store.pool, [{ id: 'none', candidateUsers: null }]);
  });

  it('migration 0017 turns the empty arrays of existing tasks into NULL, and back down', async () => {
    const pool = db.store.pool;
    const runner = { query: (sql: string) => pool.query(sql) } as unknown as QueryRunner;
    const migration = new NoCandidatesAsNull1732400001700();
    await migration.down(runner);
    await insertTaskRows(pool, [
      { id: 'old-none', candidateUsers: [], candidateGroups: [] },
      { id: 'old-some', candidateUsers: ['mary'], candidateGroups: [] },
    ]);
    const candidates = async () =>
      (await pool.query(`SELECT id, candidate_users, candidate_groups FROM user_task WHERE id LIKE 'old-%' ORDER BY id`)).rows;

    await migration.up(runner);
    expect(await candidates()).toEqual([
      { id: 'old-none', candidate_users: null, candidate_groups: null },
      { id: 'old-some', candidate_users: ['mary'], candidate_groups: null },
    ]);
    await migration.down(runner);
    expect(await candidates()).toEqual([
      { id: 'old-none', candidate_users: [], candidate_groups: [] },
      { id: 'old-some', candidate_users: ['mary'], candidate_groups: [] },
    ]);
    await migration.up(runner);
  });
});
