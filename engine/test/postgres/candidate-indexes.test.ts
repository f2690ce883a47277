/**
 * The candidate indexes of user_task take new tasks straight into the index, not into GIN's
 * pending list, which every candidate query would otherwise read in full (migration 0015).
 * The trigram index on names keeps its list; it shows that the measurement sees one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
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
});
