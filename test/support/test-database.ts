/**
 * One database per test file on the server chosen by the global setup, so files run in
 * parallel without sharing state. Dropped after the file passed; kept (and named in the
 * log) when something failed, for inspection.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDataSource, PostgresStore } from '../../engine/postgres';

/** A fresh, migrated database for one test file. */
export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  readonly dataSource: DataSource;
  readonly store: PostgresStore;
  /** Opens another store on the same database (a "restarted" engine, a second node). */
  openStore(): Promise<PostgresStore>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.BATON_TEST_ADMIN_URL;
  if (!url) throw new Error('BATON_TEST_ADMIN_URL is not set: run tests through vitest (test/global-setup.ts)');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates and migrates a database named after the test file. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `baton_t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(adminUrl(), name);
  const dataSource = await openDataSource({ url, poolSize: 10 });
  const stores: PostgresStore[] = [new PostgresStore(dataSource)];
  return {
    url,
    name,
    dataSource,
    store: stores[0]!,
    async openStore() {
      const store = new PostgresStore(await openDataSource({ url, poolSize: 10 }));
      stores.push(store);
      return store;
    },
    async drop() {
      for (const s of stores) await s.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
