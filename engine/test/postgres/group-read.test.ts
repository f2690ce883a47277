/**
 * Grouped reads (postgres/group-read.ts): reads that wait leave together in one round trip on
 * one connection, each member gets its own rows, a failing member fails alone, and the
 * engine's reads on PostgreSQL answer each caller with its own instance's rows when grouped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src';
import pg from 'pg';
import { GroupRead, groupReadFromEnvironment, queryPrepared } from '../../postgres/group-read';
import { openDataSource, PostgresStore } from '../../postgres';
import type { BatchStatement } from '../../postgres/statement-batch';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('group_read');
});
afterAll(async () => {
  await db?.drop();
});

/** A read that answers its member's name, the backend and the start of the transaction it ran in. */
const probe = (member: string): BatchStatement => ({
  sql: `SELECT $1::text AS member, pg_backend_pid() AS pid, transaction_timestamp()::text AS tx`,
  params: [member],
});
/** A read that fails with division by zero when `divisor` is 0. */
const divide = (divisor: number): BatchStatement => ({ sql: 'SELECT (1 / $1::int) AS q', params: [divisor] });

/** The round trip (backend and transaction start) each member's read ran in, by member. */
async function roundTrips(reads: Pick<GroupRead, 'read'>, members: string[]): Promise<Record<string, string>> {
  const answers = await Promise.all(members.map((m) => reads.read(probe(m))));
  return Object.fromEntries(answers.map(([row]) => [row!.member as string, `${row!.pid as number}@${row!.tx as string}`]));
}

describe('grouped reads', () => {
  it('sends a read at once while a place is free, and those that wait together in one round trip, each with its own rows', async () => {
    const by = await roundTrips(new GroupRead(db.store.pool, { groups: 1, maxMembers: 16 }), ['a', 'b', 'c', 'd', 'e']);
    expect(Object.keys(by).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(new Set([by.b, by.c, by.d, by.e]).size).toBe(1);
    expect(by.a).not.toBe(by.b);
  });

  it('leaves no more members in a group than allowed', async () => {
    const by = await roundTrips(new GroupRead(db.store.pool, { groups: 1, maxMembers: 2 }), ['a', 'b', 'c', 'd', 'e']);
    expect(by.b).toBe(by.c);
    expect(by.d).toBe(by.e);
    expect(new Set(Object.values(by)).size).toBe(3);
  });

  it('a failing member fails alone; the others get their rows', async () => {
    const reads = new GroupRead(db.store.pool, { groups: 1, maxMembers: 16 });
    const outcomes = await Promise.allSettled([4, 2, 0, 1].map((d) => reads.read(divide(d))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '22012' });
    expect(outcomes.flatMap((o) => (o.status === 'fulfilled' ? o.value : []))).toEqual([{ q: 0 }, { q: 0 }, { q: 1 }]);
  });
  it('a member that fails before PostgreSQL sees it (a parameter pg cannot send) fails alone too', async () => {
    const reads = new GroupRead(db.store.pool, { groups: 1, maxMembers: 16 });
    const unsendable: BatchStatement = { sql: 'SELECT $1::jsonb AS v', params: [{ n: 1n }] };
    const outcomes = await Promise.allSettled([reads.read(divide(1)), reads.read(divide(2)), reads.read(unsendable), reads.read(divide(1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
  });
});

describe('key lookups (queryPrepared)', () => {
  const lookups = (pool: pg.Pool) => ({ read: (s: BatchStatement) => queryPrepared(pool, s.sql, s.params) });

  it('join the grouped reads of the store on their pool (2x16: two alone, the waiting three together)', async () => {
    const store = new PostgresStore(await openDataSource({ url: db.url, poolSize: 10 }), null, { groups: 2, maxMembers: 16 });
    try {
      const by = await roundTrips(lookups(store.pool), ['a', 'b', 'c', 'd', 'e']);
      expect(new Set([by.c, by.d, by.e]).size).toBe(1);
      expect(new Set(Object.values(by)).size).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('run alone on a pool without a store', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 5 });
    try {
      expect(new Set(Object.values(await roundTrips(lookups(pool), ['a', 'b', 'c', 'd', 'e']))).size).toBe(5);
    } finally {
      await pool.end();
    }
  });
});

describe('BATON_GROUP_READ', () => {
  // Parsed like BATON_GROUP_COMMIT (grouping-queue.ts, tested in group-commit.test.ts); its own default and name.
  it('defaults to 2x16, turns off with off, and names itself when wrong', () => {
    expect(groupReadFromEnvironment({})).toEqual({ groups: 2, maxMembers: 16 });
    expect(groupReadFromEnvironment({ BATON_GROUP_READ: 'off' })).toBeNull();
    expect(() => groupReadFromEnvironment({ BATON_GROUP_READ: '2x0' })).toThrow(/BATON_GROUP_READ/);
  });
});

describe('engine reads, grouped (PostgreSQL)', () => {
  it('32 concurrent reads of instances, their tasks and variables each answer their own instance', async () => {
    const engine = new Engine({ store: new PostgresStore(db.dataSource, null, { groups: 1, maxMembers: 16 }) });
    await engine.deploy({ name: 'user-task.bpmn', resources: [{ name: 'user-task.bpmn', content: fixture('user-task.bpmn') }] });
    const ids: string[] = [];
    for (let i = 0; i < 32; i++) {
      const { instanceId } = await engine.startProcessInstance({ key: 'userTaskProcess', variables: vars({ subject: `s${i}`, reviewer: 'r', prio: i }) });
      ids.push(instanceId);
    }
    const answers = await Promise.all(ids.map(async (id) => {
      const [instance, tasks, variables] = await Promise.all([engine.reads.getInstance(id), engine.reads.findTasks({ processInstanceId: id }), engine.reads.instanceVariables(id)]);
      return { id, instance: instance?.id, taskInstances: tasks.map((t) => t.instanceId), subject: variables.find((v) => v.name === 'subject')?.value };
    }));
    expect(answers).toEqual(ids.map((id, i) => ({ id, instance: id, taskInstances: [id], subject: `s${i}` })));
  });
});
