/**
 * A user who is not an administrator sees the tasks they are assignee, owner or candidate of
 * (or hold a grant on): an OR that PostgreSQL can answer through indexes only when every arm
 * has one. With sequential scans priced out, no plan of such a query may read user_task
 * sequentially; an arm without an index leaves the planner no other way. Among 100,000 open
 * tasks, the first page of one who sees few or none may not read through everyone's
 * (migration 0017, SqlFilter.pageInWindow).
 */
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restrictTasks } from '../src/auth/guards';
import { Resource, type Principal } from '../src/auth/permissions';
import { pageOfTasks, taskFilter, type TaskQueryScope } from '../src/features/task/task-queries';
import type { SqlFilter } from '../src/http/sql-filter';
import type { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { seqScanRelations, type PlanNode } from '../../test/support/batch-capture';
import { insertTaskRows } from '../../test/support/task-rows';

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
    await insertTaskRows(pool, [
      { id: 'task-1' }, { id: 'mine', assignee: 'kermit' }, { id: 'owned', assignee: 'piggy', owner: 'kermit' },
      { id: 'named', candidateUsers: ['kermit'] }, { id: 'group', candidateGroups: ['management'] },
      { id: 'other', assignee: 'piggy', candidateUsers: ['gonzo'], candidateGroups: ['accounting'] },
    ]);
    const visible = async (principal: Principal) => {
      const f = taskFilter({}, scopeOf(principal));
      return (await pool.query(`SELECT id FROM user_task ${f.where} ORDER BY id`, f.params)).rows.map((r: { id: string }) => r.id);
    };
    expect(await visible(kermit)).toEqual(['group', 'mine', 'named', 'owned']);
    expect(await visible(withGrant)).toEqual(['group', 'mine', 'named', 'owned', 'task-1']);
  });
});

describe('first pages of employees among 100,000 open tasks', () => {
  // Tasks as processes that name groups only create them: no candidate users, 20 groups, half
  // assigned over 500 users, the newest first in the table; the ten oldest for 'few'.
  beforeAll(async () => {
    await db.store.pool.query(`
      INSERT INTO user_task (id, process_instance_id, token_id, activity_instance_id, definition_id, definition_key, task_definition_key, name,
                             assignee, candidate_groups, created, due, priority)
      SELECT 'bulk-' || g, 'pi-' || g, 'tok', 'act', 'def', 'key', 'task', 'Task ' || g,
             CASE WHEN g > 99990 THEN 'few' WHEN g % 2 = 0 THEN 'user' || (g % 500) END, ARRAY['group' || (g % 20)],
             now() - g * interval '1 second', CASE WHEN g % 3 = 0 THEN now() + (g % 1000) * interval '1 hour' END, g % 100
        FROM generate_series(1, 100000) g`);
    await db.store.pool.query('ANALYZE user_task');
  });

  const employee = (userId: string, groups: string[]): Principal => ({ ...kermit, userId, groups });
  const newcomer = employee('newcomer', []);
  const quiet = employee('quiet1', ['quiet']);
  const member = employee('user42', ['group7']);
  const few = employee('few', []);

  /** The plans of the statements `work` sends through the pool, run with EXPLAIN ANALYZE. */
  async function plansOf(work: (pool: Pool) => Promise<unknown>): Promise<PlanNode[]> {
    const pool = db.store.pool;
    const plans: PlanNode[] = [];
    const spy = {
      query: async (sql: string, params: unknown[]) => {
        const explained = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
        plans.push((explained.rows[0]['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan);
        return pool.query(sql, params);
      },
    };
    await work(spy as unknown as Pool);
    return plans;
  }

  it("give a newcomer's first page from their own tasks, not by reading everyone's newest first", async () => {
    // Without migration 0017 the planner takes the candidate-user arm for 0.5 % of the table
    // and walks the created index backwards through all 100,000 rows looking for 50 visible ones.
    const f = taskFilter({}, scopeOf(newcomer));
    const [plan] = await plansOf((pool) => f.page(pool, 'user_task', 'created DESC, id', { offset: 0, limit: 50 }));
    expect(plan!['Actual Rows']).toBe(0);
    expect(rowsRead(plan!)).toBeLessThan(100);
  });

  it('read at most a window of rows for an employee whose group has no task', async () => {
    // The planner puts a group it has no statistics for at 0.5 % of the table (500 rows) and
    // would walk all 100,000; the window stops after 2,000 and the rest is a bitmap of nothing.
    const f = taskFilter({}, scopeOf(quiet));
    const [plan] = await plansOf((pool) => pageOfTasks(pool, f, 'user_task', 'created DESC, id', { offset: 0, limit: 50 }));
    expect(plan!['Actual Rows']).toBe(0);
    expect(rowsRead(plan!)).toBeLessThanOrEqual(2_000);
  });

  it('get the same pages through the window as from the plain query, whichever part finds them', async () => {
    const orders = ['created DESC, id', 'created ASC, id', 'due ASC, id', 'priority DESC, id'];
    const pages = [{ offset: 0, limit: 50 }, { offset: 50, limit: 50 }, { offset: 0, limit: 500 }];
    for (const principal of [member, few, quiet, newcomer]) {
      for (const order of orders) {
        for (const page of pages) {
          const ids = async (run: (f: SqlFilter) => Promise<Record<string, unknown>[]>) => (await run(taskFilter({}, scopeOf(principal)))).map((r) => r.id);
          const plain = await ids((f) => f.page(db.store.pool, 'user_task', order, page));
          const windowed = await ids((f) => pageOfTasks(db.store.pool, f, 'user_task', order, page));
          expect(windowed, `${principal.userId}, ${order}, ${page.offset}+${page.limit}`).toEqual(plain);
        }
      }
    }
    const firstPage = await pageOfTasks(db.store.pool, taskFilter({}, scopeOf(member)), 'user_task', 'created DESC, id', { offset: 0, limit: 50 });
    expect(firstPage).toHaveLength(50);
    const fewTasks = await pageOfTasks(db.store.pool, taskFilter({}, scopeOf(few)), 'user_task', 'created DESC, id', { offset: 0, limit: 50 });
    expect(fewTasks.map((r) => r.id)).toEqual(['bulk-99991', 'bulk-99992', 'bulk-99993', 'bulk-99994', 'bulk-99995', 'bulk-99996', 'bulk-99997', 'bulk-99998', 'bulk-99999', 'bulk-100000']);
  });
});

/** Rows a plan's nodes read and threw away by their filters. */
function rowsRead(node: PlanNode): number {
  const own = (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
  return own + (node.Plans ?? []).reduce((n, child) => n + rowsRead(child), 0);
}
