/**
 * Load drivers. Closed loop: N clients each run iterations back to back (throughput at a
 * concurrency). Open loop: iterations start at a fixed rate whatever the latency (latency at
 * a given load, without coordinated omission). Both discard a warm-up period and count only
 * iterations and calls that finish inside the measurement window.
 */
import { setImmediate as yieldNow, setTimeout as sleep } from 'node:timers/promises';
import type { CpuSplit } from './cpu';
import { summarize, type LatencySummary } from './stats';

/** Times named calls inside an iteration. */
export interface Recorder {
  time<T>(name: string, call: () => Promise<T>): Promise<T>;
}

/** A recorder that only calls (for single, unmeasured iterations). */
export const untimed: Recorder = { time: (_name, call) => call() };

/** One iteration of a workload (e.g. one process instance from start to end). */
export type Iteration = (recorder: Recorder) => Promise<void>;

/** Measured outcome of a load run. */
export interface LoadResult {
  readonly clients: number;
  readonly seconds: number;
  readonly completed: number;
  /** Iterations completed during the whole run, warm-up included (for per-iteration CPU). */
  readonly completedTotal: number;
  /** CPU ms per iteration (whole run) by process, when measured (lib/cpu.ts). */
  cpuPerIteration?: CpuSplit;
  /** Completed iterations per second inside the window. */
  readonly perSecond: number;
  readonly errors: number;
  readonly firstError: string | null;
  /** Whole-iteration latency. */
  readonly iteration: LatencySummary;
  /** Latency per named call. */
  readonly calls: Record<string, LatencySummary>;
}

/** Timing of a run: warm-up, then the measured window. */
export interface Window {
  readonly warmupMs: number;
  readonly measureMs: number;
}

class Collector implements Recorder {
  readonly samples = new Map<string, number[]>();
  readonly iterations: number[] = [];
  completed = 0;
  completedTotal = 0;
  errors = 0;
  firstError: string | null = null;
  readonly start: number;
  readonly end: number;

  constructor(window: Window) {
    this.start = performance.now() + window.warmupMs;
    this.end = this.start + window.measureMs;
  }

  inWindow(t: number): boolean {
    return t >= this.start && t <= this.end;
  }

  async time<T>(name: string, call: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const result = await call();
    const t1 = performance.now();
    if (this.inWindow(t1)) {
      let list = this.samples.get(name);
      if (!list) this.samples.set(name, (list = []));
      list.push(t1 - t0);
    }
    return result;
  }

  async run(iteration: Iteration): Promise<void> {
    const t0 = performance.now();
    try {
      await iteration(this);
      const t1 = performance.now();
      this.completedTotal++;
      if (this.inWindow(t1)) {
        this.completed++;
        this.iterations.push(t1 - t0);
      }
    } catch (err) {
      this.errors++;
      this.firstError ??= err instanceof Error ? err.message : String(err);
      await sleep(10); // do not spin on a persistent failure
    }
  }

  result(clients: number): LoadResult {
    const seconds = (this.end - this.start) / 1000;
    const calls: Record<string, LatencySummary> = {};
    for (const [name, list] of this.samples) calls[name] = summarize(list);
    return {
      clients, seconds, completed: this.completed, completedTotal: this.completedTotal, perSecond: Math.round((this.completed / seconds) * 10) / 10,
      errors: this.errors, firstError: this.firstError, iteration: summarize(this.iterations), calls,
    };
  }
}

/** Runs `clients` concurrent loops of the iteration for warm-up + window. */
export async function closedLoop(clients: number, window: Window, iteration: Iteration): Promise<LoadResult> {
  const c = new Collector(window);
  const client = async () => {
    while (performance.now() < c.end) await c.run(iteration);
  };
  await Promise.all(Array.from({ length: clients }, client));
  return c.result(clients);
}

/** Outcome of an open-loop run. */
export interface OpenLoopResult extends LoadResult {
  readonly targetPerSecond: number;
  /** Arrivals skipped because `maxInFlight` iterations were already running. */
  readonly skipped: number;
}

/** Starts iterations at `ratePerSecond` (capped at `maxInFlight` running at once). */
export async function openLoop(ratePerSecond: number, window: Window, iteration: Iteration, maxInFlight = 256): Promise<OpenLoopResult> {
  const c = new Collector(window);
  const running = new Set<Promise<void>>();
  const interval = 1000 / ratePerSecond;
  let skipped = 0;
  let next = performance.now();
  while (next < c.end) {
    const wait = next - performance.now();
    if (wait > 1) await sleep(wait);
    else await yieldNow();
    if (running.size >= maxInFlight) {
      if (c.inWindow(performance.now())) skipped++;
    } else {
      const p: Promise<void> = c.run(iteration).finally(() => running.delete(p));
      running.add(p);
    }
    next += interval;
  }
  await Promise.all(running);
  return { ...c.result(maxInFlight), targetPerSecond: ratePerSecond, skipped };
}
