/**
 * A user who is not an administrator sees the tasks they are assignee, owner or candidate of
 * (or hold a grant on): an OR that PostgreSQL can answer through indexes only when every arm
 * has one. With sequential scans priced out, no plan of such a query may read user_task
 * sequentially; an arm without an index leaves the planner no other way.
 */
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restrictTasks } from '../src/auth/guards';
import { Resource, type Principal } from '../src/auth/permissions';
import { taskFilter, type TaskQueryScope } from '../src/features/task/task-queries';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { seqScanRelations, type PlanNode } from '../../test/support/batch-capture';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('task_visibility');
});
afterAll(async () => {
  await db?.drop();
});

function scopeOf(principal: Principal): TaskQueryScope {
  const req = { principal } as unknown as Request;
  return { restrict: (f) => restrictTasks(req, f) };
}

const kermit: Principal = { userId: 'kermit', firstName: null, lastName: null, groups: ['sales', 'management'], admin: false, rules: [] };
const withGrant: Principal = {
  ...kermit,
  rules: [{ id: 'r1', type: 1, userId: 'kermit', groupId: null, resourceType: Resource.TASK, resourceId: 'task-1', permissions: ['READ'] }],
};

async function sequentialScans(sql: string, params: unknown[]): Promise<string[]> {
  const client = await db.store.pool.connect();
  try {
    await client.query('SET enable_seqscan = off');
    const plan = ((await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan;
    return seqScanRelations(plan);
  } finally {
    await client.query('RESET enable_seqscan');
    client.release();
  }
}

describe('task queries of a user who is not an administrator', () => {
  it.each([
    ['without grants', kermit],
    ['with a task grant', withGrant],
  ])('count and list their visible tasks without reading user_task sequentially (%s)', async (_label, principal) => {
    for (const q of [{}, { candidateGroup: 'sales' }, { unassigned: 'true' }, { assignee: 'kermit' }]) {
      const f = taskFilter(q, scopeOf(principal));
      expect(f.where).toContain('owner = ');
      expect(await sequentialScans(`SELECT count(*) FROM user_task ${f.where}`, f.params)).toEqual([]);
    }
  });

  it('see exactly the tasks they are assignee, owner or candidate of, or hold a grant on', async () => {
    const pool = db.store.pool;
    await pool.query(`
      INSERT INTO user_task (id, process_instance_id, token_id, activity_instance_id, definition_id, definition_key, task_definition_key, name, assignee, owner, candidate_users, candidate_groups, created, priority)
      SELECT t.id, 'pi', 'tok', 'act', 'def', 'key', 'task', t.id, t.assignee, t.owner, t.users, t.groups, now(), 50
        FROM (VALUES ('task-1', NULL, NULL, '{}'::text[], '{}'::text[]), ('mine', 'kermit', NULL, '{}', '{}'), ('owned', 'piggy', 'kermit', '{}', '{}'),
                     ('named', NULL, NULL, '{kermit}', '{}'), ('group', NULL, NULL, '{}', '{management}'), ('other', 'piggy', NULL, '{gonzo}', '{accounting}'))
             AS t(id, assignee, owner, users, groups)`);
    const visible = async (principal: Principal) => {
      const f = taskFilter({}, scopeOf(principal));
      return (await pool.query(`SELECT id FROM user_task ${f.where} ORDER BY id`, f.params)).rows.map((r: { id: string }) => r.id);
    };
    expect(await visible(kermit)).toEqual(['group', 'mine', 'named', 'owned']);
    expect(await visible(withGrant)).toEqual(['group', 'mine', 'named', 'owned', 'task-1']);
  });
});
