/**
 * The growth section's verdicts on the task list: pages are judged by latency against the
 * empty level, counts by what EXPLAIN ANALYZE says they read of user_task (lib/targets.ts).
 * The plans come from a real PostgreSQL: a count through the candidate index reads only the
 * tasks it counts; without the index it reads the whole table and must fail the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { insertTaskRows } from '../../test/support/task-rows';
import { explainStatement, type PlanCheck } from '../lib/explain';
import type { LoadResult } from '../lib/load';
import type { BenchResults, GrowthLevel, TargetCheck } from '../lib/results';
import type { LatencySummary } from '../lib/stats';
import { checkTargets } from '../lib/targets';

const COUNT = 'SELECT count(*)::int AS count FROM user_task WHERE candidate_groups @> ARRAY[$1::text] AND assignee IS NULL';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('bench_growth_targets');
  // 3,000 open tasks over 30 groups: 100 in each, every 30th row.
  await insertTaskRows(db.store.pool, Array.from({ length: 3000 }, (_, i) => ({ id: `t${i}`, candidateGroups: [`group${i % 30}`] })));
  await db.store.pool.query('ANALYZE user_task');
});
afterAll(async () => {
  await db?.drop();
});

async function explainCount(): Promise<PlanCheck> {
  const c = await db.store.pool.connect();
  try {
    return await explainStatement(c, 'REST server', COUNT, ['group7']);
  } finally {
    c.release();
  }
}

const latency = (p95: number): LatencySummary => ({ count: 100, mean: p95 / 2, p50: p95 / 2, p95, p99: p95, max: p95 });
const run = { clients: 32, seconds: 6, completed: 6000, completedTotal: 7000, perSecond: 1000, errors: 0, firstError: null, iteration: latency(10), calls: {} } satisfies LoadResult;
const level = (label: string, page: number, count: number): GrowthLevel => ({
  label, historicInstances: 0, openTasks: 0, seedSeconds: 0, run, taskList: { 'group tasks': latency(page), 'count (candidateGroup)': latency(count) },
});

/** A run with only the growth section: the page stays within its allowance (2 × 1 + 5 ms), the count does not. */
function resultsWith(explain: PlanCheck[], countQueries?: string[]): BenchResults {
  const growth = { levels: [level('empty', 1, 1), level('grown', 6, 12)], explain, tablesWithoutInstanceIndex: [], note: '', ...(countQueries ? { countQueries } : {}) };
  return { sections: { growth: { status: 'ok', data: growth } }, rss: { engineProcessPeakMb: 100, restServerPeakMb: null, peerPeakMb: null } } as unknown as BenchResults;
}

const verdict = (targets: TargetCheck[], prefix: string): TargetCheck => {
  const found = targets.find((t) => t.target.startsWith(prefix));
  if (!found) throw new Error(`no target '${prefix}'`);
  return found;
};

describe('growth verdicts on the task list', () => {
  it('a count through the candidate index reads only the tasks it counts', async () => {
    const plan = await explainCount();
    expect(plan.scans).toContain('Bitmap Index Scan using user_task_groups_idx');
    expect(plan.reads).toEqual([{ table: 'user_task', returned: 100, removed: 0 }]);
    const targets = checkTargets(resultsWith([plan], ['count (candidateGroup)']));
    expect(verdict(targets, 'Growth: counts read')).toMatchObject({ pass: true, value: '0 of 1 counts read others' });
    expect(verdict(targets, 'Growth: task-list pages')).toMatchObject({ pass: true, value: '86 % of the allowance' });
    // The count's latency is shown, without a verdict.
    expect(verdict(targets, 'Growth: counts p95')).toMatchObject({ pass: null, value: '171 % of the allowance' });
  });

  it('a count that reads the whole table fails, and results without count queries judge every query by latency', async () => {
    await db.store.pool.query('DROP INDEX user_task_groups_idx');
    const plan = await explainCount();
    expect(plan.reads).toEqual([{ table: 'user_task', returned: 100, removed: 2900 }]);
    expect(verdict(checkTargets(resultsWith([plan], ['count (candidateGroup)'])), 'Growth: counts read')).toMatchObject({ pass: false, value: '1 of 1 counts read others' });
    const old = checkTargets(resultsWith([plan]));
    expect(verdict(old, 'Growth: task-list pages')).toMatchObject({ pass: false, value: '171 % of the allowance' });
    expect(verdict(old, 'Growth: counts read').pass).toBeNull();
  });
});
