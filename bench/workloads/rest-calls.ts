/**
 * Opt-in (`--only=rest-calls`): CPU per REST call type, each call type alone at half the peak
 * clients, split into load generator, server and PostgreSQL. Evidence for where a REST cycle's
 * CPU goes, call by call; the public `GET /version` (no authentication, no database) is the
 * floor that HTTP and Express cost. A completion cannot run alone without instances prepared
 * for it, so its share is the cycle minus the start and the query, labelled as derived.
 */
import { measureCpu, perUnit, type CpuSplit } from '../lib/cpu';
import { resetInstanceData } from '../lib/database';
import { closedLoop, type Iteration } from '../lib/load';
import type { RestServer } from '../lib/rest-server';
import type { RestCallRun } from '../lib/results';
import type { BenchContext } from './context';
import { restUserTaskCycle, USER_TASK_KEY } from './user-task-cycle';

const START_BODY = { variables: { amount: { value: 42, type: 'Integer' } } };

const CALLS = {
  version: 'GET /version',
  query: 'GET /task?processInstanceId=…',
  start: 'POST /process-definition/key/…/start',
  cycle: 'user-task cycle (start, query, complete)',
} as const;

function callTypes(server: RestServer, instanceId: string): Record<keyof typeof CALLS, Iteration> {
  const c = server.client;
  return {
    version: (r) => r.time('call', () => c.call('GET', '/version')),
    query: (r) => r.time('call', () => c.call('GET', `/task?processInstanceId=${instanceId}`)),
    start: (r) => r.time('call', () => c.call('POST', `/process-definition/key/${USER_TASK_KEY}/start`, START_BODY)),
    cycle: restUserTaskCycle(c),
  };
}

const minus = (a: CpuSplit, ...bs: CpuSplit[]): CpuSplit => {
  const part = (k: keyof CpuSplit) => Math.round(bs.reduce((x, b) => x - b[k], a[k]) * 100) / 100;
  return { bench: part('bench'), server: part('server'), postgres: part('postgres') };
};

/** Runs every call type twice, alternating, so that drifting machine load hits all alike. */
export async function runRestCalls(ctx: BenchContext, server: RestServer): Promise<{ runs: RestCallRun[] }> {
  const clients = Math.max(1, Math.floor(ctx.profile.peakClients / 2));
  const window = { warmupMs: ctx.profile.warmupMs / 2, measureMs: ctx.profile.measureMs / 2 };
  const runs: RestCallRun[] = [];
  for (let round = 0; round < 2; round++) {
    await resetInstanceData(ctx.db);
    const one = await server.client.call<{ id: string }>('POST', `/process-definition/key/${USER_TASK_KEY}/start`, START_BODY);
    const measured: Partial<Record<keyof typeof CALLS, CpuSplit>> = {};
    for (const [key, iteration] of Object.entries(callTypes(server, one.id)) as [keyof typeof CALLS, Iteration][]) {
      const { result, cpu } = await measureCpu(ctx.db.name, server.pid, () => closedLoop(clients, window, iteration));
      if (result.errors > 0 || result.completedTotal === 0) throw new Error(`${CALLS[key]}: ${result.errors} errors, ${result.completedTotal} completed: ${result.firstError ?? ''}`);
      const perCall = perUnit(cpu, result.completedTotal);
      measured[key] = perCall;
      runs.push({ round, call: CALLS[key], clients, perSecond: result.perSecond, cpuPerCall: perCall });
    }
    const { query, start, cycle } = measured;
    if (query && start && cycle) {
      runs.push({ round, call: 'POST /task/…/complete (derived: cycle − start − query)', clients, perSecond: null, cpuPerCall: minus(cycle, start, query) });
    }
  }
  return { runs };
}
