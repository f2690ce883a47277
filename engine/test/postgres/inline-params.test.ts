import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineParams } from '../../postgres/inline-params';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('inline_params');
});
afterAll(async () => {
  await db?.drop();
});

describe('inlining parameters into one simple-query round trip', () => {
  it('gives PostgreSQL the same values as real parameters, hostile strings included', async () => {
    const client = await db.store.pool.connect();
    try {
      const sql = 'SELECT $1::text AS s, $2 = ANY($3::text[]) AS hit, $4::int + 1 AS n, $5::boolean AS b, $6::text IS NULL AS nothing, $7::text || $8::text || $9::text AS joined, $10::text AS ten';
      const params = ["O'Brien \\ \"quoted\" $1 -- x", 'b"c', ['a', 'b"c', 'd\\e', "f'g"], 41, true, null, 'x', 'y', 'z', 'tenth'];
      const expected = (await client.query(sql, params)).rows;
      const inlined = inlineParams(sql, params, (t) => client.escapeLiteral(t))!;
      expect(inlined).not.toMatch(/\$(2|3|4|10)\b/); // the value's own '$1' text stays (one pass over the statement only)
      expect((await client.query(inlined)).rows).toEqual(expected);
      expect(expected[0]).toMatchObject({ hit: true, n: 42, b: true, nothing: true, ten: 'tenth' });
    } finally {
      client.release();
    }
  });

  it('refuses values that need real parameters (dates, buffers, objects, non-finite numbers)', () => {
    const esc = (t: string) => `'${t}'`;
    for (const value of [new Date(), Buffer.from('x'), { a: 1 }, Number.NaN, [1, 2]]) expect(inlineParams('SELECT $1', [value], esc)).toBeNull();
    expect(inlineParams('SELECT $2', ['only one'], esc)).toBeNull();
  });
});
