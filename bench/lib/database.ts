/**
 * The benchmark database: BENCH_DATABASE_URL when set (`embedded` forces the embedded server),
 * else the PostgreSQL server at 127.0.0.1:5432, else an embedded server. A fresh database `baton_bench_<ts>` is created for
 * the run and dropped afterwards (kept with --keep-db), with synchronous_commit=on for every
 * connection to it (pgbench, the engine, the REST server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { postgresAnswers, startEmbeddedPostgres, type EmbeddedServer } from '@baton/engine/postgres';

/** Where the run's database lives. */
export interface BenchDatabase {
  /** URL of the run's database. */
  readonly url: string;
  readonly name: string;
  /** Which server was chosen, for the results. */
  readonly source: 'BENCH_DATABASE_URL' | 'local' | 'embedded';
  /** Runs work on a short-lived connection to the run's database. */
  withClient<T>(work: (c: pg.Client) => Promise<T>): Promise<T>;
  /** A second database on the same server (same settings), closed by its own close(). */
  sibling(suffix: string): Promise<BenchDatabase>;
  /** Drops the database (unless it was given and could not be created) and stops an embedded server. */
  close(keep: boolean): Promise<void>;
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}


async function withConnection<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Chooses the server and creates the run's database. */
export async function openBenchDatabase(log: (m: string) => void): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL || null;
  const forceEmbedded = given === 'embedded';
  let serverUrl = forceEmbedded ? null : given;
  let source: BenchDatabase['source'] = 'BENCH_DATABASE_URL';
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  if (!serverUrl && !forceEmbedded && (await postgresAnswers(LOCAL_URL))) {
    serverUrl = LOCAL_URL;
    source = 'local';
  }
  if (!serverUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-pg-'));
    log(`${forceEmbedded ? 'BENCH_DATABASE_URL=embedded' : 'no PostgreSQL at 127.0.0.1:5432'}: starting an embedded one in ${dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir, port: 55000 + Math.floor(Math.random() * 1000), database: 'postgres', persistent: false });
    serverUrl = embedded.url;
    source = 'embedded';
  }
  const name = `baton_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const stopServer = async () => {
    if (embedded) await embedded.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return runDatabase(serverUrl, name, source, log, stopServer);
}

/** Creates (or, for a URL we may not create databases next to, adopts) the database `name` on the server. */
async function runDatabase(
  serverUrl: string, name: string, source: BenchDatabase['source'], log: (m: string) => void, afterClose: () => Promise<void>,
): Promise<BenchDatabase> {
  let created = true;
  try {
    await withConnection(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  } catch (err) {
    // A given URL may point at a database we may use but not create databases next to.
    if (source !== 'BENCH_DATABASE_URL') throw err;
    log(`cannot create a database next to BENCH_DATABASE_URL (${(err as Error).message}); using it as is`);
    created = false;
  }
  const url = created ? withDatabase(serverUrl, name) : serverUrl;
  const dbName = created ? name : new URL(serverUrl).pathname.slice(1);
  // Applies to every later connection: the engine pool, the REST server, pgbench.
  await withConnection(url, (c) => c.query(`ALTER DATABASE "${dbName}" SET synchronous_commit = on`)).catch((err: Error) =>
    log(`could not set synchronous_commit on the database (${err.message}); the server default applies`),
  );
  return {
    url,
    name: dbName,
    source,
    withClient: (work) => withConnection(url, work),
    async sibling(suffix) {
      if (!created) throw new Error(`no second database next to BENCH_DATABASE_URL: the run's database could not be created either`);
      return runDatabase(serverUrl, `${name}_${suffix}`, source, log, async () => undefined);
    },
    async close(keep) {
      if (created && !keep) await withConnection(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      if (keep) log(`kept database ${dbName} (${url})`);
      await afterClose();
    },
  };
}

/** Server settings that decide commit cost, for the results. */
export async function serverSettings(db: BenchDatabase): Promise<Record<string, string>> {
  const names = ['server_version', 'synchronous_commit', 'fsync', 'full_page_writes', 'wal_sync_method', 'commit_delay', 'shared_buffers', 'max_wal_size', 'max_connections', 'jit'];
  return db.withClient(async (c) => {
    const rows = (await c.query(`SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)`, [names])).rows as { name: string; setting: string; unit: string | null }[];
    const out: Record<string, string> = {};
    for (const r of rows) out[r.name] = r.unit && /^\d+$/.test(r.setting) ? `${r.setting} × ${r.unit}` : r.setting;
    return out;
  });
}

/** Empties runtime and history tables (deployments, identity and settings stay), so every workload starts alike. */
export async function resetInstanceData(db: BenchDatabase): Promise<void> {
  await db.withClient(async (c) => {
    const tables = await instanceTables(c);
    if (tables.length) await c.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} CASCADE`);
  });
}

/** Tables that hold per-instance rows: process_instance, every table with a process_instance_id, and history. */
export async function instanceTables(c: pg.Client): Promise<string[]> {
  const rows = await c.query(
    `SELECT t.table_name FROM information_schema.tables t
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND (t.table_name IN ('process_instance', 'history_process_instance') OR t.table_name LIKE 'history\\_%'
             OR EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema
                          AND c.table_name = t.table_name AND c.column_name = 'process_instance_id'))
      ORDER BY t.table_name`,
  );
  return rows.rows.map((r: { table_name: string }) => r.table_name);
}
