/**
 * Opt-in (`--only=compare [--against=REV]`): this checkout's REST server against the server of
 * another revision (default HEAD, i.e. the uncommitted change), both running workload 1 at the
 * same time on their own databases of the same PostgreSQL, each offered the same fixed rate.
 *
 * Why at the same time: this machine's speed drifts by a third within a session, more than most
 * changes are worth, and rounds that alternated every few seconds differed by ±10 % between two
 * identical servers. Side by side, both see the same machine at every instant. Why a fixed rate
 * (three quarters of what the slower side managed alone in a calibration round): in a closed
 * loop the side that happens to get more throughput also amortizes more per cycle, which made
 * CPU per cycle of identical servers differ by up to 9 % per round. CPU per cycle (the server
 * process; the backends of its database) then compares the code; the median ratio B / A over
 * the rounds is the verdict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureCpu, perUnit } from '../lib/cpu';
import { resetInstanceData, type BenchDatabase } from '../lib/database';
import { closedLoop, openLoop, type Window } from '../lib/load';
import type { CompareReport, CompareRound, CompareSide } from '../lib/results';
import { buildRevisionServer } from '../lib/revision-server';
import { ROOT, startRestServer, type RestServer } from '../lib/rest-server';
import type { BenchContext } from './context';
import { restUserTaskCycle } from './user-task-cycle';

const PROCESS_FILE = 'user-task-cycle.bpmn';

/** Rounds and their window: ~90 s in a full run, a smoke test in a quick one. */
function plan(ctx: BenchContext): { rounds: number; window: Window } {
  return ctx.profile.name === 'quick' ? { rounds: 2, window: { warmupMs: 200, measureMs: 800 } } : { rounds: 10, window: { warmupMs: 1000, measureMs: 8000 } };
}

/** Deploys the workload-1 process through REST (the other revision's server has no in-process engine here). */
async function deployUserTaskProcess(server: RestServer): Promise<void> {
  const form = new FormData();
  form.append('deployment-name', 'bench-compare');
  form.append('data', new Blob([readFileSync(join(ROOT, 'bench', 'processes', PROCESS_FILE))]), PROCESS_FILE);
  await server.client.postForm('/deployment/create', form);
}

/** One side's run at `rate` cycles/s; CPU from its own server process and its own database's backends. */
async function measureSide(db: BenchDatabase, server: RestServer, rate: number, window: Window): Promise<CompareSide> {
  const { result, cpu } = await measureCpu(db.name, server.pid, () => openLoop(rate, window, restUserTaskCycle(server.client)));
  // A failed call (a connection reset, say) costs the round one cycle, not the comparison.
  if (result.completed === 0) throw new Error(`nothing completed (${result.errors} errors): ${result.firstError ?? ''}`);
  const { server: serverMs, postgres } = perUnit(cpu, result.completedTotal);
  return { perSecond: result.perSecond, cpuPerCycle: { server: serverMs, postgres }, errors: result.errors };
}

/** Cycles/s each side offers in the rounds: 3/4 of the slower side's closed-loop rate with both running. */
async function calibrate(a: RestServer, b: RestServer, clients: number, window: Window): Promise<number> {
  const [ra, rb] = await Promise.all([a, b].map((s) => closedLoop(clients, window, restUserTaskCycle(s.client))));
  const slower = Math.min(ra!.perSecond, rb!.perSecond);
  if (!(slower > 0)) throw new Error(`calibration completed nothing: ${ra!.firstError ?? rb!.firstError ?? ''}`);
  return Math.round(slower * 0.75);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ratio = (b: number, a: number): number => (a > 0 ? Math.round((b / a) * 1000) / 1000 : 0);

/** Runs the comparison; `thisServer` is the run's REST server (this checkout). */
export async function runCompare(ctx: BenchContext, thisServer: RestServer, against: string): Promise<CompareReport> {
  const { rounds, window } = plan(ctx);
  const revision = buildRevisionServer(against);
  let otherDb: BenchDatabase | null = null;
  let other: RestServer | null = null;
  try {
    otherDb = await ctx.db.sibling('compare');
    other = await startRestServer(otherDb.url, [], {}, revision.bundle);
    await deployUserTaskProcess(other);
    await resetInstanceData(ctx.db);
    const rate = await calibrate(other, thisServer, Math.max(1, Math.floor(ctx.profile.peakClients / 2)), window);
    const out: CompareRound[] = [];
    for (let round = 0; round < rounds; round++) {
      const [a, b] = await Promise.all([measureSide(otherDb, other, rate, window), measureSide(ctx.db, thisServer, rate, window)]);
      out.push({
        round, a, b,
        ratio: { perSecond: ratio(b.perSecond, a.perSecond), server: ratio(b.cpuPerCycle.server, a.cpuPerCycle.server), postgres: ratio(b.cpuPerCycle.postgres, a.cpuPerCycle.postgres) },
      });
    }
    const med = (pick: (r: CompareRound) => number) => Math.round(median(out.map(pick)) * 1000) / 1000;
    return {
      against, commit: revision.commit, ratePerSide: rate, rounds: out,
      medianRatio: { perSecond: med((r) => r.ratio.perSecond), server: med((r) => r.ratio.server), postgres: med((r) => r.ratio.postgres) },
    };
  } finally {
    await other?.stop();
    await otherDb?.close(false);
    revision.remove();
  }
}
