/**
 * Child process: runs workloads 1 and 2 on the npm package bpmn-engine (in memory, no
 * persistence) and prints one JSON line with the results. Runs apart from the Baton process so
 * that neither heap nor GC disturbs the other's numbers.
 *
 * Usage: node --import tsx bench/peer/bpmn-engine-worker.ts '{"clients":32,"warmupMs":1000,"measureMs":5000,"withState":true}'
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import { BpmnModdle } from 'bpmn-moddle';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { closedLoop, type LoadResult, type Window } from '../lib/load';

const PROCESSES = join(import.meta.dirname, '..', 'processes');

/** Parsed once, as a long-running bpmn-engine service would do (parsing per instance would be unfair). */
async function sourceContext(file: string): Promise<unknown> {
  const moddle = await new BpmnModdle().fromXML(readFileSync(join(PROCESSES, file), 'utf8'));
  return serializer(moddle as never, TypeResolver(Elements as never));
}

type Api = { signal(message?: unknown): void };

function newEngine(ctx: unknown, listener: EventEmitter, variables: Record<string, unknown> = {}): Engine {
  return new Engine({ sourceContext: ctx as never, listener, variables } as never);
}

/** Workload 1: start, wait at the user task, signal it, run to the end. */
async function userTaskCycle(ctx: unknown, withState: boolean, r: Parameters<Parameters<typeof closedLoop>[2]>[0]): Promise<void> {
  const listener = new EventEmitter();
  let engine = newEngine(ctx, listener, { amount: 42 });
  const waiting = new Promise<Api>((resolve) => listener.once('activity.wait', resolve));
  let api = await r.time('start', async () => {
    await engine.execute();
    return waiting;
  });
  await r.time('complete', async () => {
    if (withState) {
      // What persisting would need at the wait state: serialize, then recover and resume.
      const state = JSON.parse(JSON.stringify(await engine.getState()));
      const resumed = new EventEmitter();
      const again = new Promise<Api>((resolve) => resumed.once('activity.wait', resolve));
      engine = new Engine({ sourceContext: ctx } as never).recover(state);
      await engine.resume({ listener: resumed });
      api = await again;
    }
    const ended = engine.waitFor('end');
    api.signal({ approved: true });
    await ended;
  });
}

/** Workload 2: one straight-through run to the end. */
async function straightThrough(ctx: unknown, r: Parameters<Parameters<typeof closedLoop>[2]>[0]): Promise<void> {
  await r.time('start', async () => {
    const engine = newEngine(ctx, new EventEmitter(), { isLarge: true });
    const ended = engine.waitFor('end');
    await engine.execute();
    await ended;
  });
}

/** Adds this process's CPU ms per iteration (the whole run, warm-up included). */
async function withCpu(run: () => Promise<LoadResult>): Promise<LoadResult> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  result.cpuPerIteration = { bench: Math.round(((used.user + used.system) / 1000 / Math.max(1, result.completedTotal)) * 100) / 100, server: 0, postgres: 0 };
  return result;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as { clients: number; withState: boolean } & Window;
  const window: Window = { warmupMs: args.warmupMs, measureMs: args.measureMs };
  const userTask = await sourceContext('user-task-cycle.bpmn');
  const straight = await sourceContext('peer-straight-through.bpmn');
  const results: Record<string, LoadResult> = {};
  results.userTaskCycle = await withCpu(() => closedLoop(args.clients, window, (r) => userTaskCycle(userTask, false, r)));
  if (args.withState) results.userTaskCycleWithState = await withCpu(() => closedLoop(args.clients, window, (r) => userTaskCycle(userTask, true, r)));
  results.straightThrough = await withCpu(() => closedLoop(args.clients, window, (r) => straightThrough(straight, r)));
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'bpmn-engine', 'package.json'), 'utf8')) as { version: string };
  process.stdout.write(`${JSON.stringify({ version: pkg.version, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), results })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
