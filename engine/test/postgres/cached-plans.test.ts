/**
 * The store's statements are planned once per connection and the plan is kept while tables
 * grow (statement-batch.ts). A plan made on tiny tables must therefore still be right on big
 * ones: every statement the engine batches — those of a real scenario and every flush
 * template — is EXPLAINed as a generic plan on a fresh database, and again under the command
 * settings after ANALYZE has seen the tables nearly empty (transaction-settings.ts), and must
 * not scan a table sequentially.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, type ChangeSet } from '../../src';
import { TableChangeTracker } from '../../src/persistence/change-set';
import { flushStatements } from '../../postgres/flush-sql';
import { COMMAND_SETTINGS } from '../../postgres/transaction-settings';
import type { BatchStatement } from '../../postgres/statement-batch';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { capturedBatches, preparedPlan, seqScanRelations } from '../../../test/support/batch-capture';
import { fixture, vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('cached_plans');
});
afterAll(async () => {
  await db?.drop();
});

/** A change set touching every table and kind of change (values only need the right types). */
function everyTemplate(): ChangeSet[] {
  const tracker = <T extends { id: string }>(row: T) => {
    const t = new TableChangeTracker<T>();
    t.insert({ ...row, id: `${row.id}-new` });
    t.update(row);
    t.delete(`${row.id}-gone`);
    return t;
  };
  const row = (id: string) => ({ id, processInstanceId: 'pi' }) as never;
  const history = {
    processInstanceInserts: [row('hpi')], processInstanceUpdates: [row('hpi')], activityInserts: [row('hai')], activityUpdates: [row('hai')],
    taskInserts: [row('ht')], taskUpdates: [row('ht')], variableUpserts: [row('hv')], variableUpdates: [row('hvu')],
  };
  const tables = {
    variables: tracker(row('v')), tasks: tracker(row('t')), incidents: tracker(row('i')), jobs: tracker(row('j')),
    externalTasks: tracker(row('x')), eventSubscriptions: tracker(row('e')),
  };
  const instance = (kind: 'insert' | 'update' | 'delete') => ({ kind, record: { id: 'pi', state: { tokens: [] } } as never });
  return [
    { instance: instance('insert'), ...tables, history, userOperations: [row('op')] },
    { instance: instance('update'), ...tables, history },
    { instance: instance('delete'), ...tables, history },
  ];
}

async function seqScans(c: pg.PoolClient, s: BatchStatement): Promise<string[]> {
  return seqScanRelations(await preparedPlan(c, s));
}

/** Every distinct statement text the engine batches in a scenario and in the flush templates. */
async function engineStatements(): Promise<BatchStatement[]> {
  const engine = new Engine({ store: db.store });
  const scenario = await capturedBatches(async () => {
    await engine.deploy({ name: 'plans', resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn') }, { name: 'm.bpmn', content: fixture('message-catch.bpmn') }] });
    const started = await engine.startProcessInstance({ key: 'userTaskProcess', businessKey: 'bk', variables: vars({ amount: 1, subject: 's', reviewer: 'kermit', prio: 50 }) });
    const [task] = await engine.reads.findTasks({ processInstanceId: started.instanceId });
    await engine.reads.findTasks({ assignee: 'kermit', candidateGroup: 'sales', candidateUser: 'fozzie', taskDefinitionKey: 'approve' });
    await engine.claimTask(task!.id, 'kermit');
    await engine.setVariables(started.instanceId, vars({ amount: 2, note: 'x' }));
    await engine.completeTask(task!.id, vars({ approved: true }));
    const waiting = await engine.startProcessInstance({ key: 'messageCatch', variables: vars({ orderId: 'o1' }) });
    await engine.events.correlate({ messageName: 'payment-o1' });
    await engine.deleteProcessInstance(waiting.instanceId, 'cleanup');
    for (const owner of ['task', 'externalTask', 'incident'] as const) {
      expect(await db.store.transaction((tx) => tx.lockInstance({ owner, id: 'no-such-row' }))).toBeNull();
    }
  });
  const templates = everyTemplate().flatMap(flushStatements);
  const distinct = new Map<string, BatchStatement>();
  for (const s of [...scenario, ...templates]) if (!/^(BEGIN|COMMIT|ROLLBACK|NOTIFY|SET)\b|set_config/.test(s.sql)) distinct.set(s.sql, s);
  return [...distinct.values()];
}

/** The statements whose generic plan on `client` scans a table sequentially, with the tables. */
async function sequentialPlans(client: pg.PoolClient, statements: readonly BatchStatement[]): Promise<string[]> {
  const problems: string[] = [];
  for (const s of statements) {
    const scans = await seqScans(client, s);
    if (scans.length) problems.push(`${scans.join(', ')}: ${s.sql.replace(/\s+/g, ' ').slice(0, 140)}`);
  }
  return problems;
}

describe('plans cached per connection', () => {
  let statements: BatchStatement[] = [];
  beforeAll(async () => {
    statements = await engineStatements();
  });

  it('index every statement the engine batches, on tables as small as they get', async () => {
    expect(statements.length).toBeGreaterThan(30);
    const client = await db.store.pool.connect();
    try {
      await client.query('SET plan_cache_mode = force_generic_plan');
      expect(await sequentialPlans(client, statements)).toEqual([]);
    } finally {
      await client.query('RESET plan_cache_mode');
      client.release();
    }
  });

  it('still index them under the command settings once ANALYZE has seen the tables nearly empty', async () => {
    // What autovacuum does to runtime tables between bursts: a few live rows in its statistics.
    await db.store.pool.query('VACUUM ANALYZE');
    const client = await db.store.pool.connect();
    try {
      await client.query('SET plan_cache_mode = force_generic_plan');
      // The planner's own choice then is a sequential scan, even for a primary key:
      expect((await sequentialPlans(client, statements)).length).toBeGreaterThan(5);
      await client.query('BEGIN');
      await client.query(COMMAND_SETTINGS.sql);
      expect(await sequentialPlans(client, statements)).toEqual([]);
    } finally {
      await client.query('ROLLBACK');
      await client.query('RESET plan_cache_mode');
      client.release();
    }
  });
});
