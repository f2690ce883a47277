import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityStore } from '../src/auth/identity-store';
import { Principals } from '../src/auth/principals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';

let db: TestDatabase;
let store: IdentityStore;
const calls = { passwordHash: 0, getUser: 0 };

beforeAll(async () => {
  db = await createTestDatabase('principals');
  store = new IdentityStore(db.store.pool);
  await store.createUser({ id: 'kim', firstName: 'Kim', lastName: 'Test', email: null }, 'kim-secret');
  // Count the real store's lookups (they still run against PostgreSQL).
  const passwordHash = store.passwordHash.bind(store);
  const getUser = store.getUser.bind(store);
  store.passwordHash = (id) => (calls.passwordHash++, passwordHash(id));
  store.getUser = (id) => (calls.getUser++, getUser(id));
});
afterAll(async () => {
  await db?.drop();
});

describe('principals cache', () => {
  it('lets concurrent requests with the same credentials share one lookup and one scrypt run', async () => {
    const principals = new Principals(store);
    calls.passwordHash = calls.getUser = 0;
    const verified = await Promise.all(Array.from({ length: 20 }, () => principals.verify('kim', 'kim-secret')));
    const loaded = await Promise.all(Array.from({ length: 20 }, () => principals.load('kim')));
    expect(verified).toEqual(Array(20).fill('kim'));
    expect(loaded.every((p) => p?.userId === 'kim')).toBe(true);
    expect(calls).toEqual({ passwordHash: 1, getUser: 1 });
    await principals.verify('kim', 'kim-secret');
    expect(calls.passwordHash).toBe(1);
  });

  it('does not remember a wrong password, and a change of password takes effect after invalidate', async () => {
    const principals = new Principals(store);
    calls.passwordHash = 0;
    expect(await Promise.all([principals.verify('kim', 'nope'), principals.verify('kim', 'nope')])).toEqual([null, null]);
    expect(await principals.verify('kim', 'nope')).toBeNull();
    expect(calls.passwordHash).toBe(2);
    expect(await principals.verify('kim', 'kim-secret')).toBe('kim');
    await store.setPassword('kim', 'kim-new-secret');
    principals.invalidate();
    expect(await principals.verify('kim', 'kim-secret')).toBeNull();
    expect(await principals.verify('kim', 'kim-new-secret')).toBe('kim');
  });

  it('does not keep a failed lookup', async () => {
    const principals = new Principals(store);
    const getUser = store.getUser;
    store.getUser = () => Promise.reject(new Error('connection lost'));
    await expect(principals.load('kim')).rejects.toThrow('connection lost');
    store.getUser = getUser;
    expect((await principals.load('kim'))?.userId).toBe('kim');
  });
});
