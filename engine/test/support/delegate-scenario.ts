/**
 * Scenario harness for models with registered handlers: like scenario.ts, on any store, with
 * listener runs in the log as `listener.<event>:<element or flow id>`.
 */
import { Engine, eventLabel, InMemoryStore, type EngineEvent, type PersistencePort, type Registrable } from '../../src';
import { fixture } from './scenario';

function label(e: EngineEvent): string {
  return e.type === 'listener.invoked' ? `listener.${e.detail}:${e.elementId}` : eventLabel(e);
}

/** An engine with these handlers and fixtures deployed, and its ordered event log. */
export async function delegateScenario(files: string[], handlers: Record<string, Registrable>, store: PersistencePort = new InMemoryStore()) {
  const engine = new Engine({ store, handlers });
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
    /** The instance's runtime variables as name → value, by scope (instance-level only by default). */
    async variables(instanceId: string, scopeId = instanceId): Promise<Record<string, unknown>> {
      const all = await engine.reads.instanceVariables(instanceId);
      return Object.fromEntries(all.filter((v) => v.scopeId === scopeId).map((v) => [v.name, v.value]));
    },
    async task(instanceId: string, key: string) {
      const tasks = await engine.reads.findTasks({ processInstanceId: instanceId, taskDefinitionKey: key });
      if (tasks.length !== 1) throw new Error(`expected one open task '${key}', found ${tasks.length}`);
      return tasks[0]!;
    },
  };
}
