/**
 * CPU time per completed instance, split by process: this process (engine API and load
 * generator), the REST server child, and the PostgreSQL backends serving the run's database
 * (found by their process title). CPU time, unlike wall time, barely depends on what else runs
 * on the machine, so it says where the cycles go even on a busy box. Linux only (/proc);
 * elsewhere only this process is counted.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds used, by part. */
export interface CpuSplit {
  readonly bench: number;
  readonly server: number;
  readonly postgres: number;
}

function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return 0;
  }
}

/** PIDs of the PostgreSQL backends connected to `database` (process title "postgres: … <user> <database> …"). */
export function backendPids(database: string): number[] {
  const out: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const title = readFileSync(`/proc/${e}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(/\s+/).includes(database)) out.push(Number(e));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

interface Snapshot {
  readonly bench: number;
  readonly server: number;
  readonly backends: Map<number, number>;
}

function snapshot(database: string, serverPid: number | null): Snapshot {
  const u = process.cpuUsage();
  return {
    bench: (u.user + u.system) / 1000,
    server: serverPid ? procCpuMs(serverPid) : 0,
    backends: new Map(backendPids(database).map((p) => [p, procCpuMs(p)])),
  };
}

/** Runs `work` and returns the CPU milliseconds each part used meanwhile. */
export async function measureCpu<T>(database: string, serverPid: number | null, work: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
  const before = snapshot(database, serverPid);
  const result = await work();
  const after = snapshot(database, serverPid);
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  return { result, cpu: { bench: after.bench - before.bench, server: after.server - before.server, postgres } };
}

/** CPU split divided by a count (e.g. per completed instance), rounded to 0.01 ms. */
export function perUnit(cpu: CpuSplit, count: number): CpuSplit {
  const f = (ms: number) => Math.round((ms / Math.max(count, 1)) * 100) / 100;
  return { bench: f(cpu.bench), server: f(cpu.server), postgres: f(cpu.postgres) };
}
