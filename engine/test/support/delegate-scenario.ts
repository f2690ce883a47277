/**
 * Scenario harness for models with registered handlers: like scenario.ts, on any store, with
 * listener runs in the log as `listener.<event>:<element or flow id>`.
 */
import { Engine, eventLabel, InMemoryStore, type EngineEvent, type PersistencePort, type Registrable } from '../../src';
import { harness } from './scenario';

function label(e: EngineEvent): string {
  return e.type === 'listener.invoked' ? `listener.${e.detail}:${e.elementId}` : eventLabel(e);
}

/** An engine with these handlers and fixtures deployed, and its ordered event log. */
export async function delegateScenario(files: string[], handlers: Record<string, Registrable>, store: PersistencePort = new InMemoryStore()) {
  return harness(new Engine({ store, handlers }), files, label);
}
