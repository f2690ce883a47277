/**
 * Starts the node's job executor (settings from the environment, documented in
 * docs/jobs-and-timers.md): BATON_JOB_EXECUTOR=off disables it, BATON_JOB_CONCURRENCY (4),
 * BATON_JOB_LEASE_MS (300000), BATON_JOB_IDLE_MAX_MS (5000).
 */
import { JobExecutor, type Engine, type JobExecutorOptions } from '@baton/engine';
import type { PostgresStore } from '@baton/engine/postgres';

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return n;
}

/** Job executor options from the environment. */
export function jobExecutorOptions(env: NodeJS.ProcessEnv = process.env): JobExecutorOptions & { enabled: boolean } {
  return {
    enabled: env.BATON_JOB_EXECUTOR !== 'off',
    maxConcurrency: int(env, 'BATON_JOB_CONCURRENCY', 4),
    leaseMs: int(env, 'BATON_JOB_LEASE_MS', 300_000),
    idleMaxMs: int(env, 'BATON_JOB_IDLE_MAX_MS', 5000),
    ...(env.BATON_NODE_ID ? { owner: env.BATON_NODE_ID } : {}),
  };
}

/** Starts the executor unless disabled; returns a stop function for graceful shutdown. */
export async function startJobExecutor(engine: Engine, store: PostgresStore, log: (m: string) => void = console.log, extra: JobExecutorOptions = {}): Promise<{ executor: JobExecutor | null; stop(timeoutMs: number): Promise<void> }> {
  const { enabled, ...options } = jobExecutorOptions();
  if (!enabled) return { executor: null, stop: async () => undefined };
  await store.syncClock();
  const executor = new JobExecutor(engine.jobs, store.jobs, { ...options, log, ...extra });
  await executor.start();
  log(`[baton] job executor ${executor.owner} started (concurrency ${options.maxConcurrency})`);
  return { executor, stop: (timeoutMs) => executor.stop(timeoutMs) };
}
