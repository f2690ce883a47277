/**
 * Task queries by key run as prepared statements (http/sql-filter.ts), whose plan a connection
 * keeps while the table grows. On a fresh database, as small as the table gets, the generic
 * plan of every key × sort order × page or count must reach user_task through that key's
 * index; queries with other filters, or none, stay unprepared.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchStatement } from '@baton/engine/postgres';
import { countTasks, queryTasks, TASK_SORT, taskFilter, type TaskQueryScope } from '../src/features/task/task-queries';
import { TASK_LIST_COLUMNS } from '../src/features/filters/task-list-query';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { capturedBatches, preparedPlan, type PlanNode } from '../../test/support/batch-capture';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('prepared_queries');
});
afterAll(async () => {
  await db?.drop();
});

const SCOPE: TaskQueryScope = { restrict: () => undefined };
const PAGE = { offset: 0, limit: 50 };
const INDEX_OF_KEY = { processInstanceId: 'user_task_instance_idx', taskId: 'user_task_pkey' } as const;

/** How the generic plan of `s` reads user_task: scan node and index. */
async function userTaskScans(c: pg.PoolClient, s: BatchStatement): Promise<string[]> {
  const scans: string[] = [];
  const walk = (n: PlanNode) => {
    const onTask = n['Relation Name'] === 'user_task' || (n['Node Type'] === 'Bitmap Index Scan' && n['Index Name']?.startsWith('user_task'));
    if (onTask && n['Node Type'] !== 'Bitmap Heap Scan') scans.push(`${n['Node Type']} ${n['Index Name'] ?? ''}`.trim());
    for (const p of n.Plans ?? []) walk(p);
  };
  walk(await preparedPlan(c, s));
  return scans;
}

describe('task queries by key as prepared statements', () => {
  it('read user_task through the key\'s index in the generic plan of every sort order, page and count', async () => {
    const pool = db.store.pool;
    const problems: string[] = [];
    const client = await pool.connect();
    try {
      await client.query('SET plan_cache_mode = force_generic_plan');
      for (const [param, index] of Object.entries(INDEX_OF_KEY)) {
        const orders = [{}, ...Object.keys(TASK_SORT).flatMap((sortBy) => ['asc', 'desc'].map((sortOrder) => ({ sortBy, sortOrder })))];
        for (const order of orders) {
          const q = { [param]: 'some-id', ...order };
          const statements = await capturedBatches(async () => {
            await queryTasks(pool, q, PAGE, SCOPE);
            await countTasks(pool, q, SCOPE);
            await taskFilter(q, SCOPE).page(pool, 'user_task t', 'created DESC, id', PAGE, TASK_LIST_COLUMNS);
          });
          expect(statements).toHaveLength(3);
          for (const s of statements) {
            const scans = await userTaskScans(client, s);
            if (scans.length !== 1 || !scans[0]!.endsWith(index)) problems.push(`${scans.join(' + ') || 'no scan'}: ${s.sql}`);
          }
        }
      }
    } finally {
      await client.query('RESET plan_cache_mode');
      client.release();
    }
    expect(problems).toEqual([]);
  });

  it('leave queries with other filters, or none, unprepared', async () => {
    const pool = db.store.pool;
    for (const q of [{}, { assignee: 'kermit' }, { processInstanceId: 'x', assignee: 'kermit' }, { processInstanceId: 'x', candidateGroup: 'sales' }, { processInstanceId: 'x', unassigned: 'true' }]) {
      expect(await capturedBatches(() => queryTasks(pool, q, PAGE, SCOPE))).toEqual([]);
    }
    const restricted: TaskQueryScope = { restrict: (f) => f.addAll('assignee = ?', ['kermit']) };
    expect(await capturedBatches(() => queryTasks(pool, { processInstanceId: 'x' }, PAGE, restricted))).toEqual([]);
  });
});
