/**
 * `npm run bench`: Baton's benchmark. Runs the workloads of issue 6 against a fresh PostgreSQL
 * database, with pgbench and the bpmn-engine peer as references in the same run, prints the
 * tables and writes bench/results/<date>.json. `--quick` is the ~1-minute smoke run for CI;
 * `--markdown` prints the README section of the latest results. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Engine, ModelValidationError } from '@baton/engine';
import { openDataSource, PostgresStore } from '@baton/engine/postgres';
import { measureCpu, perUnit } from './lib/cpu';
import { openBenchDatabase, resetInstanceData, serverSettings, type BenchDatabase } from './lib/database';
import { closedLoop, openLoop, type Iteration, type LoadResult, type Window } from './lib/load';
import { loadAverage, machineInfo } from './lib/machine';
import { OPT_IN_IDS, parseOptions, type BenchOptions } from './lib/options';
import { runPeer } from './lib/peer-runner';
import { runPgbench, runTpcbAgain } from './lib/pgbench';
import { markdownReport, textReport } from './lib/report';
import { readResults, stamp, writeResults, type BenchResults, type Section } from './lib/results';
import { ROOT, startRestServer, type RestServer } from './lib/rest-server';
import { selfPeakRssMb } from './lib/rss';
import { checkTargets } from './lib/targets';
import type { BenchContext } from './workloads/context';
import { runDiagnostics } from './workloads/diagnostics';
import { runGrowth } from './workloads/growth';
import { runTuning } from './workloads/tuning';
import { runRestCalls } from './workloads/rest-calls';
import { runCompare } from './workloads/compare';
import { ASYNC_CHAIN_KEY, EXTERNAL_TASK_KEY, runAsyncChain, runExternalTasks } from './workloads/job-workloads';
import { PARALLEL_KEY, runToEnd, STRAIGHT_THROUGH_KEY } from './workloads/straight-through';
import { engineUserTaskCycle, restUserTaskCycle, USER_TASK_KEY } from './workloads/user-task-cycle';

/** A section that cannot run here (e.g. a feature the engine does not have yet). */
class Skipped extends Error {}

const PROCESS_FILES: Record<string, string> = {
  [USER_TASK_KEY]: 'user-task-cycle.bpmn', [STRAIGHT_THROUGH_KEY]: 'straight-through.bpmn', [PARALLEL_KEY]: 'parallel-10.bpmn',
  [ASYNC_CHAIN_KEY]: 'async-chain.bpmn', [EXTERNAL_TASK_KEY]: 'external-task.bpmn',
};

/** Deploys every bench process; returns why each rejected one is unavailable. */
async function deployProcesses(engine: Engine): Promise<Map<string, string>> {
  const rejected = new Map<string, string>();
  for (const [key, file] of Object.entries(PROCESS_FILES)) {
    const content = readFileSync(join(ROOT, 'bench', 'processes', file), 'utf8');
    try {
      await engine.deploy({ name: `bench-${key}`, resources: [{ name: file, content }] });
    } catch (err) {
      if (!(err instanceof ModelValidationError)) throw err;
      const first = err.problems[0];
      rejected.set(key, `not available (the engine rejects ${file} at deploy time — jobs issue not landed?): ${first ? `${first.elementId}: ${first.reason}` : err.message}`);
    }
  }
  return rejected;
}

function gitInfo(): BenchResults['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return { commit, dirtyFiles: dirty };
  } catch {
    return { commit: null, dirtyFiles: null };
  }
}

/** Runs one workload at each client count, each on emptied tables, with CPU time per instance. */
async function scaling(
  db: BenchDatabase, counts: readonly number[], window: Window, iteration: Iteration, serverPid: number | null = null,
): Promise<{ runs: LoadResult[] }> {
  const runs: LoadResult[] = [];
  for (const clients of counts) {
    await resetInstanceData(db);
    const { result, cpu } = await measureCpu(db.name, serverPid, () => closedLoop(clients, window, iteration));
    result.cpuPerIteration = perUnit(cpu, result.completedTotal);
    runs.push(result);
  }
  return { runs };
}

/** A load run of the section's data that had errors or completed nothing (a harness or engine failure). */
function failedRuns(data: unknown): string | null {
  const d = data as { runs?: LoadResult[]; results?: Record<string, LoadResult> } | undefined;
  const runs = [...(d?.runs ?? []), ...Object.values(d?.results ?? {})].filter((r) => 'completed' in r);
  const bad = runs.find((r) => r.errors > 0 || r.completed === 0);
  return bad ? `${bad.errors} errors at ${bad.clients} clients (${bad.completed} completed): ${bad.firstError ?? 'nothing completed'}` : null;
}

class Runner {
  readonly started = performance.now();
  failures = 0;
  /** The REST server, once started (its RSS is recorded per section). */
  rest: (() => RestServer | null) | null = null;

  constructor(readonly options: BenchOptions, readonly results: BenchResults) {}

  log = (message: string): void => {
    console.error(`[bench ${Math.round((performance.now() - this.started) / 1000)}s] ${message}`);
  };

  /** Runs a section unless --only excludes it; records ok / skipped / error. */
  async section<K extends keyof BenchResults['sections']>(id: K, work: () => Promise<NonNullable<BenchResults['sections'][K]>['data']>): Promise<void> {
    // --quick is the harness's smoke test (CI runs it), so it runs the opt-in sections too.
    const skipped = this.options.only ? !this.options.only.has(id) : OPT_IN_IDS.has(id) && this.options.profile.name !== 'quick';
    if (skipped) return;
    this.log(`${id} …`);
    const t0 = performance.now();
    let section: Section<unknown>;
    const done = () => ({
      seconds: Math.round((performance.now() - t0) / 100) / 10, loadAverage: loadAverage()[0],
      ...(this.rest?.() ? { restServerRssMb: this.rest()!.rss() ?? undefined } : {}),
    });
    try {
      const data = await work();
      const failed = failedRuns(data);
      section = failed ? { status: 'error', reason: failed, data, ...done() } : { status: 'ok', data, ...done() };
    } catch (err) {
      section = err instanceof Skipped ? { status: 'skipped', reason: err.message, ...done() } : { status: 'error', reason: (err as Error).message, ...done() };
      if (!(err instanceof Skipped)) console.error(err);
    }
    if (section.status === 'error') this.failures++;
    this.log(`${id}: ${section.status}${section.reason ? ` (${section.reason.slice(0, 200)})` : ''} in ${section.seconds} s`);
    (this.results.sections as Record<string, Section<unknown>>)[id] = section;
  }
}

function newResults(options: BenchOptions): BenchResults {
  return {
    schema: 1, date: new Date().toISOString(), profile: options.profile.name, only: options.only ? [...options.only] : null,
    durationSeconds: 0, machine: machineInfo(),
    loadAverage: { start: loadAverage() }, git: gitInfo(),
    database: { source: '', settings: {}, poolSize: 0, history: 'full (Baton has one history level)' },
    sections: {}, rss: { engineProcessPeakMb: 0, restServerPeakMb: null, peerPeakMb: null }, targets: [],
  };
}

async function runAll(runner: Runner, db: BenchDatabase): Promise<void> {
  const { profile } = runner.options;
  const results = runner.results;
  // Default configuration, as `npm start` runs it (pool of 10).
  const store = new PostgresStore(await openDataSource({ url: db.url }));
  const engine = new Engine({ store });
  results.database = { ...results.database, source: db.source, settings: await serverSettings(db), poolSize: store.pool.options.max ?? 0 };
  const rejected = await deployProcesses(engine);
  const ctx: BenchContext = { engine, store, db, profile, rest: null, log: runner.log };
  runner.rest = () => ctx.rest;
  const window: Window = { warmupMs: profile.warmupMs, measureMs: profile.measureMs };
  const rest = async (): Promise<RestServer> => (ctx.rest ??= await startRestServer(db.url));
  const available = (key: string) => {
    const why = rejected.get(key);
    if (why) throw new Skipped(why);
  };
  let restPeakBeforeProfile: number | undefined;
  try {
    await runner.section('pgbench', () => runPgbench(db, profile.pgbench));
    await runner.section('peer', async () => {
      const peer = await runPeer(profile);
      results.rss.peerPeakMb = peer.peakRssMb;
      return peer;
    });
    await runner.section('w1', () => scaling(db, profile.clientCounts, window, engineUserTaskCycle(engine)));
    await runner.section('w2', () => scaling(db, [profile.peakClients], window, runToEnd(engine, STRAIGHT_THROUGH_KEY)));
    await runner.section('w3', () => scaling(db, [profile.peakClients], window, runToEnd(engine, PARALLEL_KEY)));
    await runner.section('w1-rest', async () => {
      const server = await rest();
      const { runs } = await scaling(db, profile.clientCounts, window, restUserTaskCycle(server.client), server.pid);
      const peak = Math.max(...runs.map((r) => r.perSecond));
      await resetInstanceData(db);
      const halfPeak = peak > 0 ? await openLoop(peak / 2, window, restUserTaskCycle(server.client)) : undefined;
      return { runs, auth: server.auth, halfPeak, serverPeakRssMb: server.rss()?.peak ?? null };
    });
    await runner.section('w4', async () => (available(ASYNC_CHAIN_KEY), runAsyncChain(ctx, await rest())));
    await runner.section('w5', async () => (available(EXTERNAL_TASK_KEY), runExternalTasks(ctx, await rest())));
    await runner.section('growth', async () => (await rest(), runGrowth(ctx)));
    // Why here: the profile section runs the inspector's CPU profiler in this process, which keeps
    // the whole profile in memory, and the SQL capture in the REST server, which keeps the first
    // batch of every shape (group commit makes many shapes); that is the measurement's memory,
    // not Baton's.
    results.rss.engineProcessPeakMb = selfPeakRssMb();
    restPeakBeforeProfile = ctx.rest?.rss()?.peak;
    await runner.section('profile', async () => (await rest(), runDiagnostics(ctx, stamp(new Date(results.date)))));
    await runner.section('tuning', () => runTuning(ctx));
    await runner.section('rest-calls', async () => runRestCalls(ctx, await rest()));
    await runner.section('compare', async () => runCompare(ctx, await rest(), runner.options.against));
    if (results.sections.pgbench?.data?.available) {
      runner.log('pgbench TPC-B again: how far the machine drifted during the run …');
      results.pgbenchAtEnd = (await runTpcbAgain(db, profile.pgbench)) ?? undefined;
    }
  } finally {
    if (ctx.rest) {
      results.rss.restServerPeakMb = restPeakBeforeProfile ?? ctx.rest.rss()?.peak ?? null;
      await ctx.rest.stop();
    }
    await store.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.markdownFrom) {
    const { file, results } = readResults(options.markdownFrom);
    console.log(markdownReport(results, relative(ROOT, file)));
    return;
  }
  const runner = new Runner(options, newResults(options));
  const results = runner.results;
  const db = await openBenchDatabase(runner.log);
  try {
    await runAll(runner, db);
  } finally {
    await db.close(options.keepDb);
  }
  results.durationSeconds = Math.round((performance.now() - runner.started) / 1000);
  results.loadAverage.end = loadAverage();
  results.rss.engineProcessPeakMb ||= selfPeakRssMb();
  results.targets = checkTargets(results);
  const file = writeResults(results, options.outDir ?? undefined);
  console.log(textReport(results));
  console.log(`\nresults: ${relative(process.cwd(), file)}`);
  if (runner.failures > 0) {
    console.error(`${runner.failures} section(s) failed`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
