/**
 * Baton's entry point (`npm start`): connects to DATABASE_URL or starts the embedded
 * PostgreSQL, migrates, serves HTTP on PORT, and shuts down gracefully on SIGINT/SIGTERM.
 */
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Engine } from '@baton/engine';
import { openDataSource, PostgresStore, startEmbeddedPostgres, type EmbeddedServer } from '@baton/engine/postgres';
import { loadConfig } from './config';
import { createApp } from './server';
import { createApiContext } from './app-context';
import { startJobExecutor } from './features/job/job-executor-setup';
import { loadPlugins } from './plugins/plugin-loader';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const dataDir = resolve(config.dataDir, 'pgdata');
    console.log(`[baton] DATABASE_URL not set: starting embedded PostgreSQL (data in ${dataDir}, port ${config.embeddedPgPort})`);
    embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPgPort });
    url = embedded.url;
  }
  const dataSource = await openDataSource({ url, poolSize: config.dbPoolSize });
  const store = new PostgresStore(dataSource, config.groupCommit, config.groupRead);
  const handlers = await loadPlugins(config.pluginsDir);
  if (config.pluginsDir) console.log(`[baton] handlers from ${config.pluginsDir}: ${Object.keys(handlers).sort().join(', ') || '(none)'}`);
  const engine = new Engine({ store, stepBudget: config.stepBudget, maxResourceBytes: config.maxResourceBytes, handlers, callDepthLimit: config.callDepthLimit });
  const app = createApp(await createApiContext(engine, store, config));
  // Job executor (timers, async continuations): stops acquiring first on shutdown, see below.
  const jobs = await startJobExecutor(engine, store);
  const server = app.listen(config.port);
  await once(server, 'listening');
  console.log(`[baton] listening on http://localhost:${config.port}/engine-rest`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[baton] ${signal}: stopping (waiting up to ${config.shutdownTimeoutMs} ms for requests in flight)`);
    await jobs.stop(config.shutdownTimeoutMs); // running jobs finish, leases are released
    const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
    server.closeIdleConnections();
    await new Promise<void>((done) => server.close(() => done()));
    clearTimeout(timer);
    await store.close();
    if (embedded) await embedded.stop();
    console.log('[baton] stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error('[baton] failed to start:', err);
  process.exit(1);
});
