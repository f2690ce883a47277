import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../postgres/statement-batch';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('statement_batch');
  await db.store.pool.query('CREATE TABLE batch_probe (id text PRIMARY KEY, value integer NOT NULL)');
});
afterAll(async () => {
  await db?.drop();
});

async function withClient<T>(work: (c: import('pg').PoolClient) => Promise<T>): Promise<T> {
  const client = await db.store.pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

const preparedCount = (c: import('pg').PoolClient) =>
  c.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'baton_%'`).then((r) => (r.rows[0] as { n: number }).n);

describe('statement batches (one round trip, planned once per connection)', () => {
  it('answers the rows of every statement in order, with real parameters (hostile strings included)', async () => {
    await withClient(async (c) => {
      const hostile = "O'Brien \\ \"quoted\" $1 -- x; DROP TABLE batch_probe";
      const results = await runBatch(c, [
        { sql: 'BEGIN', params: [] },
        { sql: 'INSERT INTO batch_probe (id, value) VALUES ($1, $2)', params: [hostile, 41] },
        { sql: 'SELECT id, value + 1 AS n FROM batch_probe WHERE id = $1', params: [hostile] },
        { sql: 'SELECT $1 = ANY($2::text[]) AS hit', params: ['b"c', ['a', 'b"c', 'd\\e']] },
        { sql: 'ROLLBACK', params: [] },
      ]);
      expect(results).toHaveLength(5);
      expect(results[1]).toEqual([]);
      expect(results[2]).toEqual([{ id: hostile, n: 42 }]);
      expect(results[3]).toEqual([{ hit: true }]);
    });
  });

  it('prepares each statement text once per connection', async () => {
    await withClient(async (c) => {
      const sql = 'SELECT count(*)::int AS n FROM batch_probe WHERE value > $1';
      await runBatch(c, [{ sql, params: [1] }]);
      const after = await preparedCount(c);
      for (let i = 0; i < 3; i++) await runBatch(c, [{ sql, params: [i] }, { sql, params: [i + 1] }]);
      expect(await preparedCount(c)).toBe(after);
    });
  });

  it('describes a statement once per connection and still types its rows afterwards', async () => {
    await withClient(async (c) => {
      const wire = (c as unknown as { connection: { describe(m: unknown): void } }).connection;
      const describe = wire.describe.bind(wire);
      let described = 0;
      wire.describe = (m) => {
        described++;
        describe(m);
      };
      const batch = () => runBatch(c, [
        { sql: 'BEGIN', params: [] },
        { sql: 'INSERT INTO batch_probe (id, value) VALUES ($1, $2)', params: ['typed', 7] },
        { sql: `SELECT value, $1::timestamptz AS at, '{"a": [1]}'::jsonb AS doc, ARRAY['x', 'y'] AS list FROM batch_probe WHERE id = $2`, params: ['2026-01-02T03:04:05Z', 'typed'] },
        { sql: 'SELECT id FROM batch_probe WHERE id = $1', params: ['nothing'] },
        { sql: 'ROLLBACK', params: [] },
      ]);
      const expected = [[], [], [{ value: 7, at: new Date('2026-01-02T03:04:05Z'), doc: { a: [1] }, list: ['x', 'y'] }], [], []];
      expect(await batch()).toEqual(expected);
      const first = described;
      expect(first).toBeGreaterThan(0);
      expect(await batch()).toEqual(expected);
      expect(await batch()).toEqual(expected);
      expect(described).toBe(first);
    });
  });

  it('rejects with the server error at the first failing statement and keeps the connection usable', async () => {
    await withClient(async (c) => {
      const first = 'SELECT $1::int + 100 AS before_error';
      const after = 'SELECT $1::int + 200 AS after_error';
      await expect(
        runBatch(c, [
          { sql: 'BEGIN', params: [] },
          { sql: first, params: [1] },
          { sql: 'INSERT INTO batch_probe (id, value) VALUES ($1, NULL)', params: ['x'] },
          { sql: after, params: [1] },
        ]),
      ).rejects.toThrow(/null value in column "value"/);
      await c.query('ROLLBACK');
      // The statements of the failed batch (parsed or skipped) run again on the same connection.
      const results = await runBatch(c, [{ sql: first, params: [2] }, { sql: after, params: [2] }]);
      expect(results).toEqual([[{ before_error: 102 }], [{ after_error: 202 }]]);
    });
  });

  it('recovers when another node changes a table under a prepared SELECT * (a migration)', async () => {
    await db.store.pool.query('CREATE TABLE batch_migrated (id text PRIMARY KEY)');
    await db.store.pool.query(`INSERT INTO batch_migrated VALUES ('a')`);
    await withClient(async (c) => {
      const read = { sql: 'SELECT * FROM batch_migrated WHERE id = $1', params: ['a'] };
      expect(await runBatch(c, [read])).toEqual([[{ id: 'a' }]]);
      await db.store.pool.query(`ALTER TABLE batch_migrated ADD COLUMN note text DEFAULT 'new'`);
      // The statement prepared before the change fails once (the command is retryable) …
      await expect(runBatch(c, [read])).rejects.toThrow(/cached plan must not change result type/);
      // … and the next batch on the connection prepares it anew.
      expect(await runBatch(c, [read])).toEqual([[{ id: 'a', note: 'new' }]]);
      expect(await runBatch(c, [{ sql: 'BEGIN', params: [] }, read, { sql: 'COMMIT', params: [] }])).toEqual([[], [{ id: 'a', note: 'new' }], []]);
    });
  });

  it('gives a statement after a lock wait the state the previous lock holder committed', async () => {
    await db.store.pool.query(`INSERT INTO batch_probe (id, value) VALUES ('locked', 1)`);
    const holder = await db.store.pool.connect();
    const waiter = await db.store.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT * FROM batch_probe WHERE id = 'locked' FOR UPDATE`);
      const read = runBatch(waiter, [
        { sql: 'BEGIN', params: [] },
        { sql: 'SELECT id FROM batch_probe WHERE id = $1 FOR UPDATE', params: ['locked'] },
        { sql: 'SELECT value FROM batch_probe WHERE id = $1', params: ['locked'] },
      ]);
      // The waiter's lock statement is blocked on the holder: wait until the server says so.
      for (;;) {
        const { rows } = await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        if ((rows[0] as { n: number }).n > 0) break;
        await new Promise((r) => setImmediate(r));
      }
      await holder.query(`UPDATE batch_probe SET value = 2 WHERE id = 'locked'`);
      await holder.query('COMMIT');
      const [, , rows] = await read;
      expect(rows).toEqual([{ value: 2 }]);
      await waiter.query('COMMIT');
    } finally {
      holder.release();
      waiter.release();
    }
  });
});
