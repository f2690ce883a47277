/**
 * Opt-in (`--only=tuning`): workload 1 through the engine API at peak clients with several
 * connection-pool sizes, over TCP and — when PostgreSQL is local — over its Unix socket.
 * Evidence for sizing the pool for group commit and for the transport; each setting gets its
 * own engine and pool on the same database.
 */
import { existsSync } from 'node:fs';
import { Engine } from '@baton/engine';
import { openDataSource, PostgresStore } from '@baton/engine/postgres';
import { measureCpu, perUnit } from '../lib/cpu';
import { resetInstanceData } from '../lib/database';
import { closedLoop } from '../lib/load';
import type { TuningRun } from '../lib/results';
import type { BenchContext } from './context';
import { engineUserTaskCycle } from './user-task-cycle';

const POOL_SIZES = [4, 8, 12, 20];
const SOCKET_DIRS = ['/var/run/postgresql', '/tmp'];

/** The Unix-socket URL of a local TCP URL, when the socket exists. */
export function unixSocketUrl(url: string): string | null {
  const u = new URL(url);
  if (!['127.0.0.1', 'localhost'].includes(u.hostname)) return null;
  const port = u.port || '5432';
  const dir = SOCKET_DIRS.find((d) => existsSync(`${d}/.s.PGSQL.${port}`));
  if (!dir) return null;
  const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : '';
  return `postgres://${auth}${u.pathname}?host=${encodeURIComponent(dir)}&port=${port}`;
}

/** Runs every setting, twice, alternating, so that drifting machine load hits all alike. */
export async function runTuning(ctx: BenchContext): Promise<{ runs: TuningRun[] }> {
  const transports: ['tcp' | 'unix', string][] = [['tcp', ctx.db.url]];
  const unix = unixSocketUrl(ctx.db.url);
  if (unix) transports.push(['unix', unix]);
  const settings = transports.flatMap(([transport, url]) => POOL_SIZES.map((poolSize) => ({ transport, url, poolSize })));
  const engines = await Promise.all(
    settings.map(async (s) => {
      const store = new PostgresStore(await openDataSource({ url: s.url, poolSize: s.poolSize }));
      return { ...s, store, engine: new Engine({ store }) };
    }),
  );
  const runs: TuningRun[] = [];
  try {
    for (let round = 0; round < 2; round++) {
      for (const e of engines) {
        await resetInstanceData(ctx.db);
        const window = { warmupMs: ctx.profile.warmupMs / 2, measureMs: ctx.profile.measureMs / 2 };
        const { result: r, cpu } = await measureCpu(ctx.db.name, null, () => closedLoop(ctx.profile.peakClients, window, engineUserTaskCycle(e.engine)));
        runs.push({ transport: e.transport, poolSize: e.poolSize, perSecond: r.perSecond, complete: r.calls.complete, cpuPerInstance: perUnit(cpu, r.completedTotal) });
      }
    }
  } finally {
    for (const e of engines) await e.store.close();
  }
  return { runs };
}
