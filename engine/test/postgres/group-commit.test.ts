/**
 * Group commit (postgres/group-commit.ts): write-only transactions that wait leave together as
 * one transaction with one INSERT per table; a failing member gets its own outcome and the
 * others commit; a member waiting for a lock holds back neither its group nor the queue; and
 * the engine's commands on PostgreSQL leave complete rows when their commits are shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { Engine, eventLabel } from '../../src';
import { GroupCommit, groupCommitFromEnvironment, merged } from '../../postgres/group-commit';
import { PostgresStore } from '../../postgres';
import type { BatchStatement } from '../../postgres/statement-batch';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('group_commit');
  await db.store.pool.query(`
    CREATE TABLE probe (id text PRIMARY KEY, member text NOT NULL);
    CREATE TABLE probe_lock (id text PRIMARY KEY);
    INSERT INTO probe_lock VALUES ('busy');
    CREATE TABLE probe_statements (n integer NOT NULL);
    CREATE FUNCTION count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO probe_statements VALUES (1); RETURN NULL; END $$;
    CREATE TRIGGER probe_statement AFTER INSERT ON probe FOR EACH STATEMENT EXECUTE FUNCTION count_statement();
  `);
});
afterAll(async () => {
  await db?.drop();
});

const INSERT_PROBE = 'INSERT INTO probe SELECT * FROM jsonb_populate_recordset(NULL::probe, $1::jsonb)';
const insert = (...ids: string[]): BatchStatement => ({ sql: INSERT_PROBE, params: [JSON.stringify(ids.map((id) => ({ id, member: id })))], rowsOrder: 0 });
const lockBusy: BatchStatement = { sql: `SELECT id FROM probe_lock WHERE id = 'busy' FOR UPDATE`, params: [] };

async function reset(): Promise<void> {
  await db.store.pool.query('TRUNCATE probe, probe_statements');
}

/** The transaction (xmin) that wrote each probe row, by id. */
async function writers(): Promise<Record<string, string>> {
  const { rows } = await db.store.pool.query<{ id: string; xmin: string }>('SELECT id, xmin::text AS xmin FROM probe ORDER BY id');
  return Object.fromEntries(rows.map((r) => [r.id, r.xmin]));
}

const statementCount = async () => Number((await db.store.pool.query('SELECT count(*) AS n FROM probe_statements')).rows[0].n);

describe('group commit', () => {
  it('sends a transaction at once while a place is free, and those that wait together, one INSERT for all their rows', async () => {
    await reset();
    const queue = new GroupCommit(db.store.pool, { groups: 1, maxMembers: 16 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => queue.commit([insert(id)])));
    const by = await writers();
    expect(Object.keys(by)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(new Set([by.b, by.c, by.d, by.e]).size).toBe(1);
    expect(by.a).not.toBe(by.b);
    expect(await statementCount()).toBe(2);
  });

  it('leaves no more members in a group than allowed, and never two that lock the same instance', async () => {
    await reset();
    const queue = new GroupCommit(db.store.pool, { groups: 1, maxMembers: 2 });
    await Promise.all([
      queue.commit([insert('first')], 'i0'),
      queue.commit([insert('x1')], 'x'),
      queue.commit([insert('x2')], 'x'),
      queue.commit([insert('y')], 'y'),
    ]);
    const by = await writers();
    expect(by.x1).toBe(by.y);
    expect(by.x2).not.toBe(by.x1);
    expect(by.first).not.toBe(by.x1);
  });

  it('a failing member fails alone; the others commit once', async () => {
    await reset();
    await db.store.pool.query(`INSERT INTO probe VALUES ('taken', 'before')`);
    const queue = new GroupCommit(db.store.pool, { groups: 1, maxMembers: 16 });
    const outcomes = await Promise.allSettled(['a', 'b', 'taken', 'c'].map((id) => queue.commit([insert(id)])));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    const { rows } = await db.store.pool.query('SELECT id, member FROM probe ORDER BY id');
    expect(rows).toEqual([{ id: 'a', member: 'a' }, { id: 'b', member: 'b' }, { id: 'c', member: 'c' }, { id: 'taken', member: 'before' }]);
  });

  it('a member waiting for a lock holds back neither its group nor the queue, and commits once the lock is free', async () => {
    await reset();
    const holder: pg.PoolClient = await db.store.pool.connect();
    try {
      await holder.query(`BEGIN; SELECT id FROM probe_lock WHERE id = 'busy' FOR UPDATE`);
      const queue = new GroupCommit(db.store.pool, { groups: 1, maxMembers: 16 });
      let busyDone = false;
      const busy = queue.commit([lockBusy, insert('busy')], 'busy').then(() => (busyDone = true));
      await Promise.all(['a', 'b', 'c'].map((id) => queue.commit([insert(id)])));
      await queue.commit([insert('later')]);
      expect(busyDone).toBe(false);
      await holder.query('COMMIT');
      await busy;
      expect(Object.keys(await writers())).toEqual(['a', 'b', 'busy', 'c', 'later']);
    } finally {
      holder.release();
    }
  });
});

describe('merged statements of a group', () => {
  const other = (sql: string): BatchStatement => ({ sql, params: [] });
  const rows = (table: string, order: number, ...ids: string[]): BatchStatement => ({
    sql: `INSERT ${table}`, params: [JSON.stringify(ids.map((id) => ({ id })))], rowsOrder: order,
  });

  it('keeps each member in its own order and merges one table\'s inserts once every member has reached it', () => {
    const start = [other('check a'), rows('instance', 0, 'a'), rows('task', 2, 'ta'), rows('history', 7, 'ha1', 'ha2')];
    const complete = [other('check b'), other('delete task b'), rows('history', 7, 'hb'), other('update history b')];
    const out = merged([start, complete]);
    expect(out.map((s) => s.sql)).toEqual(['check a', 'check b', 'delete task b', 'INSERT instance', 'INSERT task', 'INSERT history', 'update history b']);
    expect(JSON.parse(out[5]!.params[0] as string)).toEqual([{ id: 'ha1' }, { id: 'ha2' }, { id: 'hb' }]);
  });

  it('answers a lone member\'s statements unchanged', () => {
    const only = [other('x'), rows('instance', 0, 'a')];
    expect(merged([only])).toEqual(only);
  });
});

describe('BATON_GROUP_COMMIT', () => {
  it('reads off, <groups>x<members> and the default, and rejects anything else', () => {
    expect(groupCommitFromEnvironment({ BATON_GROUP_COMMIT: 'off' })).toBeNull();
    expect(groupCommitFromEnvironment({ BATON_GROUP_COMMIT: '3x8' })).toEqual({ groups: 3, maxMembers: 8 });
    expect(groupCommitFromEnvironment({})).toEqual({ groups: 2, maxMembers: 16 });
    expect(() => groupCommitFromEnvironment({ BATON_GROUP_COMMIT: '0x8' })).toThrow(/BATON_GROUP_COMMIT/);
    expect(() => groupCommitFromEnvironment({ BATON_GROUP_COMMIT: 'on' })).toThrow(/BATON_GROUP_COMMIT/);
  });
});

describe('engine commands with shared commits (PostgreSQL)', () => {
  it.each([
    ['share transactions', { groups: 1, maxMembers: 16 }],
    ['commit each on its own with group commit off', null],
  ] as const)('32 concurrent user-task cycles %s, and each leaves the rows and events of a cycle alone', async (_label, options) => {
    const store = new PostgresStore(db.dataSource, options);
    const engine = new Engine({ store });
    const events = new Map<string, string[]>();
    engine.onEvents((batch) => {
      for (const e of batch) {
        events.set(e.instanceId, [...(events.get(e.instanceId) ?? []), eventLabel(e)]);
      }
    });
    await engine.deploy({ name: 'user-task.bpmn', resources: [{ name: 'user-task.bpmn', content: fixture('user-task.bpmn') }] });
    const cycle = async (i: number) => {
      const { instanceId } = await engine.startProcessInstance({ key: 'userTaskProcess', businessKey: `bk${i}`, variables: vars({ subject: `s${i}`, reviewer: 'r', prio: i }) });
      const [task] = await engine.reads.findTasks({ processInstanceId: instanceId });
      await engine.completeTask(task!.id, vars({ approved: i % 2 === 0 }));
      return instanceId;
    };
    const ids = await Promise.all(Array.from({ length: 32 }, (_, i) => cycle(i)));

    const q = (sql: string) => db.store.pool.query(sql, [ids]).then((r) => r.rows);
    expect(await q(`SELECT count(*)::int AS n FROM process_instance WHERE id = ANY($1)`)).toEqual([{ n: 0 }]);
    expect(await q(`SELECT state, count(*)::int AS n FROM history_process_instance WHERE id = ANY($1) AND end_time IS NOT NULL GROUP BY state`)).toEqual([{ state: 'COMPLETED', n: 32 }]);
    expect(await q(`SELECT count(*)::int AS n FROM history_task WHERE process_instance_id = ANY($1) AND end_time IS NOT NULL`)).toEqual([{ n: 32 }]);
    const perInstance = await q(`SELECT process_instance_id, count(*)::int AS n FROM history_activity_instance WHERE process_instance_id = ANY($1) GROUP BY 1`);
    expect(perInstance.map((r) => r.n)).toEqual(Array(32).fill(perInstance[0].n));
    // The completing transaction wrote each history row last: fewer transactions than instances when shared.
    const [{ n: transactions }] = await q(`SELECT count(DISTINCT xmin::text)::int AS n FROM history_process_instance WHERE id = ANY($1)`);
    if (options) expect(transactions).toBeLessThan(32);
    else expect(transactions).toBe(32);

    const [first, ...rest] = ids.map((id) => events.get(id));
    expect(first!.length).toBeGreaterThan(3);
    for (const log of rest) expect(log).toEqual(first);
  });
});
