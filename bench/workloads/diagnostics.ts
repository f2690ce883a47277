/**
 * Where the time goes: CPU profiles of workload 1 through the engine API (this process, via the
 * inspector) and through REST (a server started with --cpu-prof), the round trips of each
 * engine command, and what each kind of statement costs under load.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closedLoop, untimed } from '../lib/load';
import { monotonicMicros, profileSelf, readProfile, summarizeProfile } from '../lib/profile';
import { startRestServer } from '../lib/rest-server';
import type { DiagnosticsReport } from '../lib/results';
import { RESULTS_DIR } from '../lib/results';
import { SqlTracer } from '../lib/sql-trace';
import type { BenchContext } from './context';
import { engineUserTaskCycle, restUserTaskCycle } from './user-task-cycle';

const PROFILES_DIR = join(RESULTS_DIR, 'profiles');

/** Round trips per engine command, labelled start / query / complete. */
async function roundTrips(ctx: BenchContext): Promise<Record<string, string[]>> {
  const tracer = new SqlTracer();
  tracer.install();
  try {
    const cycle = engineUserTaskCycle(ctx.engine);
    await cycle(untimed); // warm the definition cache
    tracer.reset();
    await cycle({ time: (name, call) => ((tracer.label = name), call()) });
    return tracer.byLabel();
  } finally {
    tracer.uninstall();
  }
}

/** Statement cost and pool waits during a loaded engine run. */
async function statementCosts(ctx: BenchContext): Promise<DiagnosticsReport['engineStatements']> {
  const tracer = new SqlTracer();
  tracer.install(ctx.store.pool);
  try {
    const run = await closedLoop(ctx.profile.peakClients, { warmupMs: 0, measureMs: ctx.profile.profileMs / 2 }, engineUserTaskCycle(ctx.engine));
    return { cycles: run.completed, ...tracer.stats(run.completed) };
  } finally {
    tracer.uninstall();
  }
}

/** REST round trips per cycle, from the server's own SQL capture. */
async function restStatements(ctx: BenchContext): Promise<DiagnosticsReport['restStatements']> {
  const rest = ctx.rest!;
  await rest.captureStart();
  const run = await closedLoop(ctx.profile.peakClients, { warmupMs: 0, measureMs: ctx.profile.profileMs / 2 }, restUserTaskCycle(rest.client));
  const capture = await rest.captureStop();
  // Cycles still in flight when the window closed also ran statements: count started cycles.
  const starts = Object.entries(capture.counts).filter(([k]) => k.startsWith('flush: INSERT INTO process_instance'));
  const cycles = Math.max(1, starts.length ? starts.reduce((n, [, c]) => n + c.count, 0) : run.completed);
  const perCycle: Record<string, { perCycle: number; meanMs: number }> = {};
  for (const [key, c] of Object.entries(capture.counts).sort((a, b) => b[1].count - a[1].count)) {
    perCycle[key] = { perCycle: Math.round((c.count / cycles) * 100) / 100, meanMs: Math.round((c.ms / c.count) * 100) / 100 };
  }
  return { cycles, perCycle };
}

/** CPU profile of the REST server during workload 1 (a second server, started with --cpu-prof). */
async function restProfile(ctx: BenchContext, stampName: string): Promise<DiagnosticsReport['restProfile']> {
  const dir = join(PROFILES_DIR, `${stampName}-rest`);
  mkdirSync(dir, { recursive: true });
  const server = await startRestServer(ctx.db.url, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500']);
  const window = { fromUs: 0, toUs: 0 };
  try {
    // Warm-up first, so that start-up and transpiling stay out of the summary.
    await closedLoop(ctx.profile.peakClients, { warmupMs: 0, measureMs: 1000 }, restUserTaskCycle(server.client));
    window.fromUs = monotonicMicros();
    await closedLoop(ctx.profile.peakClients, { warmupMs: 0, measureMs: ctx.profile.profileMs }, restUserTaskCycle(server.client));
    window.toUs = monotonicMicros();
  } finally {
    await server.stop();
  }
  // One file per thread (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile): thread 0 is the main thread.
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const file = files.find((f) => f.split('.').at(-3) === '0') ?? files[0];
  if (!file) throw new Error(`the server wrote no profile into ${dir}`);
  return { ...summarizeProfile(readProfile(join(dir, file)), window), file: join(dir, file) };
}

/** Profiles and traces; profile files go to bench/results/profiles/ (ignored by git). */
export async function runDiagnostics(ctx: BenchContext, stampName: string): Promise<DiagnosticsReport> {
  mkdirSync(PROFILES_DIR, { recursive: true });
  const perCommand = await roundTrips(ctx);
  const engineStatements = await statementCosts(ctx);
  const { profile, window } = await profileSelf(() =>
    closedLoop(ctx.profile.peakClients, { warmupMs: 500, measureMs: ctx.profile.profileMs }, engineUserTaskCycle(ctx.engine)),
  );
  const engineFile = join(PROFILES_DIR, `${stampName}-engine.cpuprofile`);
  writeFileSync(engineFile, JSON.stringify(profile));
  const report: DiagnosticsReport = {
    roundTripsPerCommand: perCommand, engineStatements,
    engineProfile: { ...summarizeProfile(profile, window), file: engineFile },
  };
  if (!ctx.rest) return report;
  return { ...report, restStatements: await restStatements(ctx), restProfile: await restProfile(ctx, stampName) };
}
