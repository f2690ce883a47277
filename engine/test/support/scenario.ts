/** Test harness for engine scenarios: deploys fixture files and records the ordered event log. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, eventLabel, InMemoryStore, type EngineEvent, type PersistencePort, type TypedValue, inferTypedValue } from '../../src';

/** Folder of the engine's BPMN test fixtures. */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Reads a fixture file. */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Plain JS values → typed variables. */
export function vars(values: Record<string, unknown>): Record<string, TypedValue> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, inferTypedValue(v)]));
}

/** An engine with deployed fixtures and an event log (variable events left out for readability). */
export async function scenario(files: string[], store: PersistencePort = new InMemoryStore(), stepBudget?: number) {
  return harness(new Engine({ store, ...(stepBudget ? { stepBudget } : {}) }), files, eventLabel);
}

/** Deploys the fixtures into `engine` and records its event log with `label`; the helpers scenario tests share. */
export async function harness(engine: Engine, files: string[], label: (e: EngineEvent) => string) {
  let log: string[] = [];
  engine.onEvents((events) => log.push(...events.filter((e) => e.type !== 'variable.set').map(label)));
  for (const file of files) await engine.deploy({ name: file, resources: [{ name: file, content: fixture(file) }] });
  log = [];
  return {
    engine,
    /** Returns the events since the last call and clears them. */
    takeLog(): string[] {
      const out = log;
      log = [];
      return out;
    },
    /** Open tasks of an instance by task definition key. */
    async task(instanceId: string, key: string) {
      const tasks = await engine.reads.findTasks({ processInstanceId: instanceId, taskDefinitionKey: key });
      if (tasks.length !== 1) throw new Error(`expected one open task '${key}', found ${tasks.length}`);
      return tasks[0]!;
    },
    async openTaskKeys(instanceId: string): Promise<string[]> {
      return (await engine.reads.findTasks({ processInstanceId: instanceId })).map((t) => t.taskDefinitionKey).sort();
    },
    /** The instance's runtime variables as name → value, by scope (instance-level only by default). */
    async variables(instanceId: string, scopeId = instanceId): Promise<Record<string, unknown>> {
      const all = await engine.reads.instanceVariables(instanceId);
      return Object.fromEntries(all.filter((v) => v.scopeId === scopeId).map((v) => [v.name, v.value]));
    },
  };
}
