/**
 * CPU profiles: of this process through the inspector's Profiler (engine-API runs), and of
 * the REST server through `node --cpu-prof` files. Summarized as self time per function and
 * per area (engine runtime, Postgres adapter, pg driver, Express, GC, idle = waiting for I/O).
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { ROOT } from './rest-server';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
/** A V8 CPU profile (.cpuprofile). */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** Self time of one function or area. */
export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  /** Share of busy (non-idle) time, in %. */
  readonly pct: number;
}

/** What a profile says. */
export interface ProfileSummary {
  readonly wallMs: number;
  /** Share of wall time the thread was idle (waiting for Postgres or clients), in %. */
  readonly idlePct: number;
  /**
   * Share of busy time in native socket writes, in %. On a machine where Node and PostgreSQL
   * share few cores this is mostly time the thread sat preempted right after waking the peer
   * (the sampler charges it to the syscall), not CPU that Node burned.
   */
  readonly socketWritePct: number;
  readonly gcPct: number;
  /** Self time by area and function, % of busy time. */
  readonly byArea: readonly SelfTime[];
  readonly topFunctions: readonly SelfTime[];
  /** The same without socket writes: where the CPU that Node itself spends goes. */
  readonly byAreaWithoutWrites: readonly SelfTime[];
  readonly topFunctionsWithoutWrites: readonly SelfTime[];
  readonly file?: string;
}

/** Profiles this process while `work` runs; `window` brackets `work` (without the profiler's own start and stop). */
export async function profileSelf<T>(work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile; window: { fromUs: number; toUs: number } }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const fromUs = monotonicMicros();
    const result = await work();
    const toUs = monotonicMicros();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    return { result, profile, window: { fromUs, toUs } };
  } finally {
    session.disconnect();
  }
}

/** Reads a .cpuprofile file. */
export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** Which part of the stack a frame belongs to. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)') return 'idle (waiting for I/O)';
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return 'V8/native (program)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  const path = decodeURIComponent(url.replace(/^file:\/\//, ''));
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 14).split('/');
    return `npm: ${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const rel = path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path;
  const parts = rel.split('/');
  if (parts[0] === 'engine' && parts[1] === 'src') return `engine/src/${parts[2]?.replace(/\.ts$/, '')}`;
  return parts.slice(0, 2).join('/');
}

function shortFrame(f: CallFrame): string {
  const path = decodeURIComponent(f.url.replace(/^file:\/\//, ''));
  const nm = path.lastIndexOf('/node_modules/');
  const file = nm >= 0 ? path.slice(nm + 14) : path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path;
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
}

/** Now on the clock of V8 profile timestamps (CLOCK_MONOTONIC in µs, shared by all processes on Linux). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Self time per area and per function; `window` (monotonic µs, see monotonicMicros) keeps
 * only the samples taken inside it (e.g. without a server's start-up).
 */
export function summarizeProfile(profile: CpuProfile, window?: { fromUs: number; toUs: number }, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window.fromUs || t > window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  const writes = new Set<string>();
  let idle = 0;
  let gc = 0;
  let total = 0;
  let written = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    if (frame.functionName === '(idle)' && !frame.url) {
      idle += us;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gc += us;
    const area = areaOf(frame);
    if (!frame.url && /^write/.test(frame.functionName)) {
      written += us;
      writes.add(area);
    }
    areas.set(area, (areas.get(area) ?? 0) + us);
    const fn = frame.url ? shortFrame(frame) : area;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const busy = Math.max(total - idle, 1);
  const rank = (m: Map<string, number>, n: number, base: number, skip = new Set<string>()): SelfTime[] =>
    [...m].filter(([name]) => !skip.has(name)).sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((us / base) * 1000) / 10 }));
  const cpu = Math.max(busy - written, 1);
  return {
    wallMs: Math.round(total / 1000),
    idlePct: Math.round((idle / Math.max(total, 1)) * 1000) / 10,
    socketWritePct: Math.round((written / busy) * 1000) / 10,
    gcPct: Math.round((gc / busy) * 1000) / 10,
    byArea: rank(areas, 20, busy),
    topFunctions: rank(functions, top, busy),
    byAreaWithoutWrites: rank(areas, 20, cpu, writes),
    topFunctionsWithoutWrites: rank(functions, top, cpu, writes),
  };
}
