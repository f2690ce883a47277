/**
 * A Baton node without HTTP: engine + job executor on DATABASE_URL (no migrations: the
 * database must be migrated). Used by the multi-node and crash tests, which spawn several of
 * these; prints `ready <owner>` once acquiring. Test-only knobs: BATON_TEST_JOB_DELAY_MS
 * (sleep before each job, to hold leases), BATON_TEST_RECORD_EXECUTIONS=1 (insert a row into
 * test_job_execution after each executed job).
 */
import { Engine, JobExecutor } from '@baton/engine';
import { openDataSource, PostgresStore } from '@baton/engine/postgres';
import { jobExecutorOptions } from './features/job/job-executor-setup';
import { loadPlugins } from './plugins/plugin-loader';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const store = new PostgresStore(await openDataSource({ url, poolSize: 10 }));
  await store.syncClock();
  // Jobs continue instances through service tasks, so every node needs the same handlers.
  const engine = new Engine({ store, handlers: await loadPlugins(process.env.BATON_PLUGINS_DIR || null) });
  const { enabled: _enabled, ...options } = jobExecutorOptions();
  const delay = Number(process.env.BATON_TEST_JOB_DELAY_MS ?? 0);
  const record = process.env.BATON_TEST_RECORD_EXECUTIONS === '1';
  const runner = {
    execute: async (jobId: string) => {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      return engine.jobs.execute(jobId);
    },
  };
  const executor: JobExecutor = new JobExecutor(runner, store.jobs, {
    ...options,
    log: (m) => console.error(m),
    onJobDone: (jobId, outcome) => {
      if (record && outcome.status === 'executed') {
        void store.pool.query('INSERT INTO test_job_execution (job_id, node) VALUES ($1, $2)', [jobId, executor.owner]).catch((e: Error) => console.error(e.message));
      }
    },
  });
  await executor.start();
  console.log(`ready ${executor.owner}`);
  const stop = async () => {
    await executor.stop(5000);
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  console.error('[worker-node] failed:', err);
  process.exit(1);
});
