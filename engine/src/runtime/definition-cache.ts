/**
 * Process definitions with their executable models, built once per version and cached.
 * After a restart a model is rebuilt from the stored resource on first use.
 */
import { NotFoundError } from '../errors';
import type { ExecutableProcess } from '../model/executable-model';
import { buildModel } from '../model/build-model';
import { parseBpmn } from '../parser/parse-bpmn';
import type { StoreReads } from '../persistence/port';
import type { ProcessDefinitionRecord } from '../persistence/records';

/** A definition record with its model. */
export interface LoadedDefinition {
  readonly record: ProcessDefinitionRecord;
  readonly model: ExecutableProcess;
}

/** Cache of loaded definitions by id. Definitions are immutable, so entries never go stale. */
export class DefinitionCache {
  private readonly byId = new Map<string, LoadedDefinition>();
  private readonly pending = new Map<string, Promise<LoadedDefinition>>();

  constructor(private readonly reads: StoreReads) {}

  /** Puts a freshly deployed definition into the cache. */
  add(record: ProcessDefinitionRecord, model: ExecutableProcess): void {
    this.byId.set(record.id, { record, model });
  }

  /** The definition and model of an id; loads and builds on a miss. */
  async get(id: string): Promise<LoadedDefinition> {
    const hit = this.byId.get(id);
    if (hit) return hit;
    let loading = this.pending.get(id);
    if (!loading) {
      loading = this.load(id).finally(() => this.pending.delete(id));
      this.pending.set(id, loading);
    }
    return loading;
  }

  /** Drops entries (after a deployment was deleted). */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.byId.delete(id);
  }

  private async load(id: string): Promise<LoadedDefinition> {
    const record = await this.reads.getDefinition(id);
    if (!record) throw new NotFoundError(`No process definition with id '${id}'`);
    const resource = await this.reads.getResource(record.deploymentId, record.resourceName);
    if (!resource) throw new NotFoundError(`Resource '${record.resourceName}' of definition '${id}' is missing`);
    const parsed = await parseBpmn(resource.content, resource.name, Number.MAX_SAFE_INTEGER);
    const model = buildModel(parsed.definitions).processes.find((p) => p.key === record.key);
    if (!model) throw new NotFoundError(`Process '${record.key}' not found in resource '${resource.name}'`);
    const loaded = { record, model };
    this.byId.set(id, loaded);
    return loaded;
  }
}
