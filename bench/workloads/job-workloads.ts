/**
 * Workloads 4 and 5, which need the job executor and external tasks: instances are started
 * through REST and finish in the server (async continuations run by its job executor;
 * external tasks fetched and completed by the official camunda-external-task-client-js).
 * Completion is observed in history, so the bench needs nothing from the engine's internals.
 * Each reports the throughput of a burst (all instances started at once, 8 starters) and the
 * latency of single instances one after another on an idle server (start → end), after two
 * that are not counted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_CREDENTIALS, type RestServer } from '../lib/rest-server';
import type { ThroughputReport } from '../lib/results';
import { summarize } from '../lib/stats';
import type { BenchContext } from './context';

/** Process key of bench/processes/async-chain.bpmn. */
export const ASYNC_CHAIN_KEY = 'benchAsyncChain';
/** Process key of bench/processes/external-task.bpmn. */
export const EXTERNAL_TASK_KEY = 'benchExternalTask';
const TOPIC = 'benchTopic';

async function endedCount(ctx: BenchContext, key: string): Promise<number> {
  const r = await ctx.store.pool.query(`SELECT count(*)::int AS n FROM history_process_instance WHERE definition_key = $1 AND end_time IS NOT NULL`, [key]);
  return (r.rows[0] as { n: number }).n;
}

async function hasEnded(ctx: BenchContext, instanceId: string): Promise<boolean> {
  const r = await ctx.store.pool.query(`SELECT 1 FROM history_process_instance WHERE id = $1 AND end_time IS NOT NULL`, [instanceId]);
  return r.rowCount === 1;
}

async function start(rest: RestServer, key: string): Promise<string> {
  return (await rest.client.call<{ id: string }>('POST', `/process-definition/key/${key}/start`, {})).id;
}

/** Starts `count` instances through REST with 8 concurrent clients. */
async function startInstances(rest: RestServer, key: string, count: number): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < count) {
      next++;
      await start(rest, key);
    }
  };
  await Promise.all(Array.from({ length: 8 }, client));
}

/** Waits until `target` instances of `key` ended; gives up after `idleMs` without progress. */
async function waitForEnds(ctx: BenchContext, key: string, target: number, idleMs: number): Promise<number> {
  let last = -1;
  let lastChange = performance.now();
  for (;;) {
    const n = await endedCount(ctx, key);
    if (n >= target) return n;
    if (n !== last) {
      last = n;
      lastChange = performance.now();
    } else if (performance.now() - lastChange > idleMs) {
      return n;
    }
    await sleep(100);
  }
}

/** How long completions may stall before the run gives up. */
function idleTimeout(ctx: BenchContext): number {
  return ctx.profile.name === 'quick' ? 5000 : 15_000;
}

function samples(ctx: BenchContext): number {
  return ctx.profile.name === 'quick' ? 3 : 20;
}

/**
 * Instances run alone before the samples and not counted, as every load run discards a
 * warm-up: the first one pays for cold code paths and plans (40–70 ms against 10–20 after).
 */
const WARM_UP_INSTANCES = 2;

/** Burst throughput: starts `n` instances and waits for all of them to end. */
async function burst(ctx: BenchContext, rest: RestServer, key: string, what: string): Promise<{ n: number; seconds: number }> {
  const n = ctx.profile.jobInstances;
  const before = await endedCount(ctx, key);
  const t0 = performance.now();
  await startInstances(rest, key, n);
  const ended = (await waitForEnds(ctx, key, before + n, idleTimeout(ctx))) - before;
  const seconds = (performance.now() - t0) / 1000;
  if (ended < n) throw new Error(`only ${ended} of ${n} ${what} instances ended`);
  return { n, seconds };
}

/** Workload 4: instances through 5 async continuations each. */
export async function runAsyncChain(ctx: BenchContext, rest: RestServer): Promise<ThroughputReport> {
  const latencies: number[] = [];
  for (let i = 0; i < WARM_UP_INSTANCES + samples(ctx); i++) {
    const t0 = performance.now();
    const id = await start(rest, ASYNC_CHAIN_KEY);
    while (!(await hasEnded(ctx, id))) {
      if (performance.now() - t0 > idleTimeout(ctx)) throw new Error(`instance ${id} did not end (is the job executor running in the server?)`);
      await sleep(2);
    }
    if (i >= WARM_UP_INSTANCES) latencies.push(performance.now() - t0);
  }
  const { n, seconds } = await burst(ctx, rest, ASYNC_CHAIN_KEY, 'async-chain');
  return {
    instances: n, seconds: round1(seconds), instancesPerSecond: round1(n / seconds), unitsPerSecond: round1((5 * n) / seconds),
    unit: 'jobs/s', roundTrip: summarize(latencies),
  };
}

type Handler = (args: { task: { processInstanceId: string }; taskService: { complete(task: unknown): Promise<void> } }) => Promise<void>;

interface ExternalTaskModule {
  Client: new (options: Record<string, unknown>) => {
    subscribe(topic: string, options: { lockDuration: number }, handler: Handler): unknown;
    on(event: string, listener: (...args: unknown[]) => void): unknown;
    start(): void;
    stop(): void;
  };
  BasicAuthInterceptor: new (options: { username: string; password: string }) => unknown;
}

/** Two workers of the official client; `completed` gets each instance id with the time its task was completed. */
async function startWorkers(rest: RestServer, completed: Map<string, number>) {
  // The package ships no types; loaded by name so that the compiler does not look for them.
  const moduleName = 'camunda-external-task-client-js';
  const { Client, BasicAuthInterceptor } = (await import(moduleName)) as ExternalTaskModule;
  const state = { firstError: null as string | null };
  const clients = [1, 2].map(
    (i) =>
      new Client({
        baseUrl: rest.base, workerId: `bench-worker-${i}`,
        interceptors: new BasicAuthInterceptor({ username: BENCH_CREDENTIALS.user, password: BENCH_CREDENTIALS.password }),
        maxTasks: 50, interval: 20, asyncResponseTimeout: 2000, autoPoll: false,
      }),
  );
  for (const client of clients) {
    for (const event of ['poll:error', 'complete:error']) {
      client.on(event, (...args: unknown[]) => {
        state.firstError ??= `${event}: ${args.map((a) => (a instanceof Error ? a.message : JSON.stringify(a))).join(' ').slice(0, 300)}`;
      });
    }
    client.subscribe(TOPIC, { lockDuration: 60_000 }, async ({ task, taskService }) => {
      await taskService.complete(task);
      completed.set(task.processInstanceId, performance.now());
    });
    client.start();
  }
  return { state, stop: () => clients.forEach((c) => c.stop()) };
}

/** Workload 5: start → external task (fetchAndLock + complete by the official client) → end. */
export async function runExternalTasks(ctx: BenchContext, rest: RestServer): Promise<ThroughputReport> {
  const completed = new Map<string, number>();
  const workers = await startWorkers(rest, completed);
  const failed = (what: string) => new Error(`${what}${workers.state.firstError ? ` (${workers.state.firstError})` : ''}`);
  try {
    const latencies: number[] = [];
    for (let i = 0; i < WARM_UP_INSTANCES + samples(ctx); i++) {
      const t0 = performance.now();
      const id = await start(rest, EXTERNAL_TASK_KEY);
      while (!completed.has(id)) {
        if (performance.now() - t0 > idleTimeout(ctx)) throw failed(`the external task of ${id} was not completed`);
        await sleep(1);
      }
      if (i >= WARM_UP_INSTANCES) latencies.push(completed.get(id)! - t0);
    }
    const { n, seconds } = await burst(ctx, rest, EXTERNAL_TASK_KEY, 'external-task').catch((err: Error) => {
      throw failed(err.message);
    });
    return {
      instances: n, seconds: round1(seconds), instancesPerSecond: round1(n / seconds), unitsPerSecond: round1(n / seconds),
      unit: 'external tasks/s', roundTrip: summarize(latencies),
    };
  } finally {
    workers.stop();
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
