/**
 * Chooses the PostgreSQL server for the whole test run, once: TEST_DATABASE_URL when set,
 * else the server at 127.0.0.1:5432 when it answers, else an embedded one started here (so
 * `npm test` passes on a fresh machine without Postgres). Each test file then creates its own
 * database on that server (test/support/test-database.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresAnswers, startEmbeddedPostgres, type EmbeddedServer } from '../engine/postgres';


let embedded: EmbeddedServer | null = null;
let dataDir: string | null = null;

/** Vitest global setup: exports BATON_TEST_ADMIN_URL to the workers. */
export default async function setup(): Promise<() => Promise<void>> {
  let url = process.env.TEST_DATABASE_URL;
  // BATON_TEST_PG=embedded skips the local probe, to exercise the fresh-machine path.
  if (!url && process.env.BATON_TEST_PG !== 'embedded') {
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    if (await postgresAnswers(local)) url = local;
  }
  if (!url) {
    dataDir = mkdtempSync(join(tmpdir(), 'baton-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir, port: 54330 + Math.floor(Math.random() * 500), database: 'postgres', persistent: false });
    url = embedded.url;
    console.log(`[tests] no PostgreSQL found; started an embedded one at ${url}`);
  }
  process.env.BATON_TEST_ADMIN_URL = url;
  return async () => {
    if (embedded) await embedded.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
