/**
 * The one path every command on an instance takes: lock the instance row, load its working
 * set, run, flush the ChangeSet, commit; then publish the events. Shared by the engine's
 * task, job, external task and incident commands.
 */
import { NotFoundError } from '../errors';
import type { PersistencePort, StoreTransaction } from '../persistence/port';
import { TableChangeTracker, type ChangeSet } from '../persistence/change-set';
import type { InstanceRecord, JobRecord } from '../persistence/records';
import type { UserOperationLogRecord } from '../persistence/user-operation-record';
import type { VariableMap } from '../variables/typed-value';
import type { DefinitionCache, LoadedDefinition } from './definition-cache';
import type { EngineEvent } from './events';
import { ProcessExecution, type ExecutionSettings } from './process-execution';
import { WorkingSet } from './working-set';

/** What a command on an instance reports back. */
export interface InstanceResult {
  readonly instanceId: string;
  readonly definitionId: string;
  readonly businessKey: string | null;
  readonly ended: boolean;
  readonly suspended: boolean;
  readonly events: readonly EngineEvent[];
}

/** Listener for committed events. */
export type EventListener = (events: readonly EngineEvent[]) => void;

/** Work on a locked instance. */
export type InstanceWork = (e: ProcessExecution) => void;

/** Runs commands; owned by the Engine. */
export class CommandRunner {
  readonly listeners = new Set<EventListener>();

  constructor(
    readonly store: PersistencePort,
    readonly definitions: DefinitionCache,
    readonly clock: () => Date,
    readonly settings: ExecutionSettings,
  ) {}

  /** Locks and loads the instance inside `tx`, runs `work`, and flushes. */
  async runLocked(tx: StoreTransaction, instanceId: string, work: InstanceWork, failOnError = false): Promise<{ ws: WorkingSet }> {
    const snapshot = await tx.lockInstance(instanceId);
    if (!snapshot) throw new NotFoundError(`Process instance '${instanceId}' does not exist (it may have ended)`);
    const loaded = await this.definitions.get(snapshot.instance.definitionId);
    const ws = WorkingSet.load(snapshot, this.clock);
    work(new ProcessExecution(ws, loaded.model, loaded.record, { ...this.settings, failOnError }));
    await tx.flush(ws.changeSet());
    return { ws };
  }

  /** One command on one instance, in its own transaction. */
  async onInstance(instanceId: string, work: InstanceWork, failOnError = false): Promise<InstanceResult> {
    const result = await this.store.transaction((tx) => this.runLocked(tx, instanceId, work, failOnError));
    return this.publish(result);
  }

  /** A working set and execution for a new instance of a definition. */
  newInstance(loaded: LoadedDefinition, businessKey: string | null, variables: VariableMap, failOnError = false): ProcessExecution {
    const id = this.settings.newId();
    const instance: InstanceRecord = {
      id, definitionId: loaded.record.id, definitionKey: loaded.record.key, businessKey,
      rootInstanceId: id, superInstanceId: null, startTime: this.clock(), tenantId: loaded.record.tenantId,
      suspended: false, tokens: [], scopes: [], nextSequence: 0, revision: 0,
    };
    const ws = WorkingSet.create(instance, this.clock);
    const execution = new ProcessExecution(ws, loaded.model, loaded.record, { ...this.settings, failOnError });
    execution.variables.setAllLocal(id, variables);
    return execution;
  }

  /** Hands committed events to the listeners and summarizes the command. */
  publish({ ws }: { ws: WorkingSet }): InstanceResult {
    const i = ws.instance;
    if (ws.events.length > 0) for (const l of this.listeners) l(ws.events);
    return { instanceId: i.id, definitionId: i.definitionId, businessKey: i.businessKey, ended: ws.ended, suspended: i.suspended, events: ws.events };
  }
}

/** A change set that only touches jobs outside any instance (timer start jobs). */
export function jobOnlyChanges(jobs: TableChangeTracker<JobRecord>, userOperations: readonly UserOperationLogRecord[] = []): ChangeSet {
  const none = () => new TableChangeTracker<never>();
  return {
    instance: null, variables: none(), tasks: none(), incidents: none(), jobs, externalTasks: none(),
    history: {
      processInstanceInserts: [], processInstanceUpdates: [], activityInserts: [], activityUpdates: [],
      taskInserts: [], taskUpdates: [], variableUpserts: [], variableUpdates: [],
    },
    userOperations,
  };
}
