/**
 * Runs a scenario file on both persistence adapters: the in-memory one the engine's unit tests
 * use, and real PostgreSQL (a fresh, migrated database per scenario, dropped after the file), so
 * an event behaviour is proven against what users run. Call at the top level of a test file.
 */
import { afterAll } from 'vitest';
import { InMemoryStore, type PersistencePort } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

/** A store maker. */
export type StoreMaker = () => Promise<PersistencePort>;

/** `[name, maker]` pairs for `describe.each`. */
export function storeKinds(label: string): ReadonlyArray<readonly [string, StoreMaker]> {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });
  const postgres: StoreMaker = async () => {
    const db = await createTestDatabase(label);
    databases.push(db);
    return db.store;
  };
  return [['in-memory', async () => new InMemoryStore()], ['PostgreSQL', postgres]];
}

/** Two nodes on one store: on PostgreSQL two stores with their own pools on one database, in memory one shared store. */
export type TwoNodes = () => Promise<[PersistencePort, PersistencePort]>;

/** `[name, nodes]` pairs for `describe.each`; `db`: the file's database (created in its beforeAll). */
export function twoNodeKinds(db: () => TestDatabase): ReadonlyArray<readonly [string, TwoNodes]> {
  const shared: TwoNodes = async () => {
    const store = new InMemoryStore();
    return [store, store];
  };
  return [['PostgreSQL', async () => [db().store, await db().openStore()]], ['the in-memory store', shared]];
}
