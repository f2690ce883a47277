/**
 * The one path every command on an instance takes: lock the instance row, load its working
 * set, run, flush the ChangeSet, commit; then publish the events. Shared by the engine's
 * task, job, external task and incident commands. Commands by instance or task id first try
 * the instance's cached working set, verified by the flush (see instance-cache.ts).
 */
import { NotFoundError, StaleInstanceError } from '../errors';
import type { InstanceSnapshot, InstanceTarget, PersistencePort, StoreTransaction } from '../persistence/port';
import { TableChangeTracker, type ChangeSet } from '../persistence/change-set';
import type { InstanceRecord, JobRecord, VariableRecord } from '../persistence/records';
import type { UserOperationLogRecord } from '../persistence/user-operation-record';
import type { VariableMap } from '../variables/typed-value';
import type { DefinitionCache, LoadedDefinition } from './definition-cache';
import type { EngineEvent } from './events';
import { ProcessExecution, type ExecutionSettings } from './process-execution';
import { WorkingSet } from './working-set';
import { CalledInstances, DEFAULT_CALL_DEPTH_LIMIT } from './called-instances';
import { InstanceCache } from './instance-cache';

/** What a command on an instance reports back. */
export interface InstanceResult {
  readonly instanceId: string;
  readonly definitionId: string;
  readonly businessKey: string | null;
  readonly tenantId: string | null;
  readonly ended: boolean;
  readonly suspended: boolean;
  readonly events: readonly EngineEvent[];
  /**
   * The instance's own (process) variables as the command left them, also when it ended (Camunda's
   * `withVariablesInReturn` snapshot): read afterwards, they would be gone or another command's.
   */
  readonly variables: readonly VariableRecord[];
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
    /** Max nesting of instances called by call activities below a root instance. */
    readonly callDepthLimit: number = DEFAULT_CALL_DEPTH_LIMIT,
    /** Working sets of recently committed commands (see instance-cache.ts). */
    readonly cache: InstanceCache = new InstanceCache(),
  ) {}

  /**
   * Locks and loads the instance inside `tx`, runs `work`, and flushes; `missing`: the error when
   * there is no such instance (or no row owned by one).
   */
  async runLocked(tx: StoreTransaction, target: InstanceTarget, work: InstanceWork, failOnError = false, missing?: () => Error): Promise<{ ws: WorkingSet }> {
    const execution = await this.load(tx, target, failOnError);
    if (!execution) throw missing?.() ?? new NotFoundError(`Process instance '${typeof target === 'string' ? target : target.id}' does not exist (it may have ended)`);
    work(execution);
    await this.flushAll(tx, execution, failOnError);
    return { ws: execution.ws };
  }

  /** Locks and loads an instance into an execution (null when it does not exist); `events`: the command's shared log. */
  async load(tx: StoreTransaction, target: InstanceTarget, failOnError = false, events?: EngineEvent[]): Promise<ProcessExecution | null> {
    const snapshot = await tx.lockInstance(target);
    if (!snapshot) return null;
    return this.execution(snapshot, failOnError, events);
  }

  /** An execution over a working set loaded from `snapshot` (stored or cached). */
  private async execution(snapshot: InstanceSnapshot, failOnError: boolean, events?: EngineEvent[]): Promise<ProcessExecution> {
    const loaded = await this.definitions.get(snapshot.instance.definitionId);
    return new ProcessExecution(WorkingSet.load(snapshot, this.clock, events), loaded.model, loaded.record, { ...this.settings, failOnError });
  }

  /**
   * Settles the command's call activity work (called instances started, completed, cancelled)
   * and flushes every instance it touched. Commands over several instances pass them all at once.
   */
  async flushAll(tx: StoreTransaction, execution: ProcessExecution | readonly ProcessExecution[], failOnError = false): Promise<void> {
    const executions = await new CalledInstances(this, tx, failOnError).settle(...(Array.isArray(execution) ? execution : [execution]));
    for (const e of executions) await tx.flush(e.ws.changeSet());
  }

  /**
   * One command on one instance (by id, or as the owner of a task), in its own transaction: on
   * the instance's cached working set when there is one and the command may run unverified,
   * else on the locked and loaded instance.
   */
  async onInstance(target: InstanceTarget, work: InstanceWork, failOnError = false, missing?: () => Error): Promise<InstanceResult> {
    const cached = this.cache.take(target);
    const unverified = cached && (await this.runUnverified(cached, work, failOnError));
    if (unverified) return unverified;
    const result = await this.store.transaction((tx) => this.runLocked(tx, target, work, failOnError, missing));
    return this.publish(result);
  }

  /**
   * Runs a command on a cached working set; its flush first checks that the instance is still
   * at the cached revision. Null when the command has to go the verified way: it reached a
   * handler or a called instance, failed (the error is the verified run's to give), or the
   * instance changed meanwhile.
   */
  private async runUnverified(snapshot: InstanceSnapshot, work: InstanceWork, failOnError: boolean): Promise<InstanceResult | null> {
    let execution: ProcessExecution;
    try {
      execution = await this.execution(snapshot, failOnError);
      execution.refuseHandlers = true;
      work(execution);
    } catch {
      return null;
    }
    if (execution.callRequests.length > 0) return null;
    try {
      await this.store.transaction(async (tx) => {
        tx.expectRevision(snapshot.instance.id, snapshot.instance.revision);
        await this.flushAll(tx, execution, failOnError);
      });
    } catch (err) {
      if (err instanceof StaleInstanceError) return null;
      throw err;
    }
    return this.publish(execution);
  }

  /** A working set and execution for a new instance of a definition; `call`: the calling instance (call activity). */
  newInstance(
    loaded: LoadedDefinition, businessKey: string | null, variables: VariableMap, failOnError = false,
    call?: { readonly superInstance: InstanceRecord; readonly events: EngineEvent[] },
  ): ProcessExecution {
    const id = this.settings.newId();
    const instance: InstanceRecord = {
      id, definitionId: loaded.record.id, definitionKey: loaded.record.key, businessKey,
      rootInstanceId: call?.superInstance.rootInstanceId ?? id, superInstanceId: call?.superInstance.id ?? null,
      startTime: this.clock(), tenantId: loaded.record.tenantId,
      suspended: false, tokens: [], scopes: [], nextSequence: 0, revision: 0,
      ...(call ? { callDepth: (call.superInstance.callDepth ?? 0) + 1 } : {}),
    };
    const ws = WorkingSet.create(instance, this.clock, call?.events);
    const execution = new ProcessExecution(ws, loaded.model, loaded.record, { ...this.settings, failOnError });
    execution.variables.setAllLocal(id, variables);
    return execution;
  }

  /** Hands committed events to the listeners, caches the working set and summarizes the command. */
  publish({ ws }: { ws: WorkingSet }): InstanceResult {
    const i = ws.instance;
    this.cache.remember(ws);
    if (ws.events.length > 0) for (const l of this.listeners) l(ws.events);
    const variables: VariableRecord[] = [];
    for (const v of ws.variables.values()) if (v.scopeId === i.id) variables.push({ ...v });
    return { instanceId: i.id, definitionId: i.definitionId, businessKey: i.businessKey, tenantId: i.tenantId, ended: ws.ended, suspended: i.suspended, events: ws.events, variables };
  }
}

/** A change set that only touches jobs outside any instance (timer start jobs). */
export function jobOnlyChanges(jobs: TableChangeTracker<JobRecord>, userOperations: readonly UserOperationLogRecord[] = []): ChangeSet {
  const none = () => new TableChangeTracker<never>();
  return {
    instance: null, variables: none(), tasks: none(), incidents: none(), jobs, externalTasks: none(), eventSubscriptions: none(),
    history: {
      processInstanceInserts: [], processInstanceUpdates: [], activityInserts: [], activityUpdates: [],
      taskInserts: [], taskUpdates: [], variableUpserts: [], variableUpdates: [],
    },
    userOperations,
  };
}
