/**
 * The engine's public command API. One command = one transaction from one wait state to the
 * next: lock the instance row, load its working set, run, flush, commit. Events reach
 * listeners only after the commit.
 */
import { randomUUID } from 'node:crypto';
import { BatonError, InvalidRequestError, NotFoundError } from '../errors';
import { DEFAULT_MAX_XML_BYTES } from '../parser/xml-guard';
import type { PersistencePort, StoreReads } from '../persistence/port';
import type { InstanceRecord, ProcessDefinitionRecord, TaskRecord, VariableRecord } from '../persistence/records';
import type { VariableMap } from '../variables/typed-value';
import { DefinitionCache, type LoadedDefinition } from './definition-cache';
import { deploy, type DeployRequest, type DeployResult } from './deployer';
import type { EngineEvent } from './events';
import { ProcessExecution } from './process-execution';
import { VariableScopes } from './variable-scopes';
import { WorkingSet } from './working-set';

/** Engine configuration. */
export interface EngineOptions {
  readonly store: PersistencePort;
  /** Clock for timestamps (injectable in tests). */
  readonly clock?: () => Date;
  /** Max element entries per command before remaining tokens become incidents (default 10,000). */
  readonly stepBudget?: number;
  /** Max size of one deployed resource in bytes (default 10 MB). */
  readonly maxResourceBytes?: number;
  readonly newId?: () => string;
}

/** How to start an instance: by key (latest version) or by definition id. */
export interface StartRequest {
  readonly key?: string;
  readonly definitionId?: string;
  readonly businessKey?: string | null;
  readonly variables?: VariableMap;
}

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

/** The process engine. */
export class Engine {
  readonly reads: StoreReads;
  private readonly store: PersistencePort;
  private readonly definitions: DefinitionCache;
  private readonly clock: () => Date;
  private readonly stepBudget: number;
  private readonly maxResourceBytes: number;
  private readonly newId: () => string;
  private readonly listeners = new Set<EventListener>();

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.reads = options.store.reads;
    this.definitions = new DefinitionCache(this.reads);
    this.clock = options.clock ?? (() => new Date());
    this.stepBudget = options.stepBudget ?? 10_000;
    this.maxResourceBytes = options.maxResourceBytes ?? DEFAULT_MAX_XML_BYTES;
    this.newId = options.newId ?? randomUUID;
  }

  /** Subscribes to committed events; returns the unsubscribe function. */
  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Deploys BPMN (and other) resources. */
  deploy(request: DeployRequest): Promise<DeployResult> {
    return deploy(this.store, this.definitions, request, { maxResourceBytes: this.maxResourceBytes, newId: this.newId, now: this.clock });
  }

  /** The definition and model of an id. */
  definition(id: string): Promise<LoadedDefinition> {
    return this.definitions.get(id);
  }

  /** Starts a process instance; runs it to its first wait state within the same transaction. */
  async startProcessInstance(request: StartRequest): Promise<InstanceResult> {
    const loaded = await this.resolveDefinition(request);
    if (!loaded.record.isExecutable) {
      throw new BatonError('NOT_STARTABLE', `Process definition '${loaded.record.id}' is not executable (isExecutable="false")`);
    }
    if (loaded.record.suspended) throw new BatonError('NOT_STARTABLE', `Process definition '${loaded.record.id}' is suspended`);
    const id = this.newId();
    const instance: InstanceRecord = {
      id, definitionId: loaded.record.id, definitionKey: loaded.record.key, businessKey: request.businessKey ?? null,
      rootInstanceId: id, superInstanceId: null, startTime: this.clock(), tenantId: loaded.record.tenantId,
      suspended: false, tokens: [], scopes: [], nextSequence: 0, revision: 0,
    };
    const ws = WorkingSet.create(instance, this.clock);
    const execution = new ProcessExecution(ws, loaded.model, loaded.record, this.settings());
    execution.variables.setAllLocal(id, request.variables ?? {});
    execution.startInstance();
    await this.store.transaction((tx) => tx.flush(ws.changeSet()));
    return this.publish({ ws });
  }

  /** Completes a user task with variables; the instance moves on to its next wait state. */
  completeTask(taskId: string, variables: VariableMap = {}): Promise<InstanceResult> {
    return this.onTask(taskId, 'complete', (execution, task) => {
      execution.variables.setAll(task.id, variables);
      const token = execution.ws.instance.tokens.find((t) => t.id === task.tokenId)!;
      execution.trigger(token, { kind: 'taskCompleted' });
    });
  }

  /** Claims a task for a user; fails when someone else holds it. */
  claimTask(taskId: string, userId: string): Promise<InstanceResult> {
    return this.onTask(taskId, 'claim', (execution, task) => {
      if (task.assignee && task.assignee !== userId) {
        throw new BatonError('TASK_ALREADY_CLAIMED', `Cannot claim task '${taskId}': it is already claimed by someone else`);
      }
      this.updateTask(execution, task, { assignee: userId });
    });
  }

  /** Sets (or with null clears) a task's assignee. */
  setAssignee(taskId: string, userId: string | null): Promise<InstanceResult> {
    return this.onTask(taskId, 'set the assignee of', (execution, task) => this.updateTask(execution, task, { assignee: userId }));
  }

  /**
   * Variables visible from a scope (a task id, a sub-process scope id or the instance id):
   * nearest scope wins, as expressions see them. Null when the instance is gone.
   */
  async visibleVariables(instanceId: string, scopeId: string): Promise<VariableRecord[] | null> {
    const instance = await this.reads.getInstance(instanceId);
    if (!instance) return null;
    const [variables, tasks] = await Promise.all([this.reads.instanceVariables(instanceId), this.reads.findTasks({ processInstanceId: instanceId })]);
    const ws = WorkingSet.load({ instance, variables, tasks, incidents: [] }, this.clock);
    const scopes = new VariableScopes(ws, this.newId);
    const visible = new Map<string, VariableRecord>();
    for (const id of scopes.chain(scopeId).reverse()) for (const v of variables) if (v.scopeId === id) visible.set(v.name, v);
    return [...visible.values()];
  }

  /** Deletes (cancels) a running process instance. */
  deleteProcessInstance(instanceId: string, reason: string | null = null): Promise<InstanceResult> {
    return this.onInstance(instanceId, (execution) => execution.cancelInstance(reason));
  }

  private updateTask(execution: ProcessExecution, task: TaskRecord, fields: Partial<Pick<TaskRecord, 'assignee'>>): void {
    Object.assign(task, fields);
    execution.ws.taskChanges.update(task);
    execution.historyTaskUpdated(task);
    execution.ws.emit('task.updated', task.taskDefinitionKey, task.id);
  }

  private async onTask(taskId: string, verb: string, work: (e: ProcessExecution, task: TaskRecord) => void): Promise<InstanceResult> {
    const missing = () => new NotFoundError(`Cannot ${verb} task '${taskId}': no open task with this id (it may have been completed or deleted)`);
    const result = await this.store.transaction(async (tx) => {
      const instanceId = await tx.findTaskInstanceId(taskId);
      if (!instanceId) throw missing();
      return this.runLocked(tx, instanceId, (execution) => {
        const task = execution.ws.tasks.get(taskId);
        if (!task) throw missing();
        if (task.suspended || execution.ws.instance.suspended) {
          throw new BatonError('CONFLICT', `Cannot ${verb} task '${taskId}': its process instance is suspended`);
        }
        work(execution, task);
      });
    });
    return this.publish(result);
  }

  private async onInstance(instanceId: string, work: (e: ProcessExecution) => void): Promise<InstanceResult> {
    const result = await this.store.transaction((tx) => this.runLocked(tx, instanceId, work));
    return this.publish(result);
  }

  private async runLocked(
    tx: Parameters<Parameters<PersistencePort['transaction']>[0]>[0], instanceId: string, work: (e: ProcessExecution) => void,
  ): Promise<{ ws: WorkingSet }> {
    const snapshot = await tx.lockInstance(instanceId);
    if (!snapshot) throw new NotFoundError(`Process instance '${instanceId}' does not exist (it may have ended)`);
    const loaded = await this.definitions.get(snapshot.instance.definitionId);
    const ws = WorkingSet.load(snapshot, this.clock);
    work(new ProcessExecution(ws, loaded.model, loaded.record, this.settings()));
    await tx.flush(ws.changeSet());
    return { ws };
  }

  private publish({ ws }: { ws: WorkingSet }): InstanceResult {
    const i = ws.instance;
    if (ws.events.length > 0) for (const l of this.listeners) l(ws.events);
    return { instanceId: i.id, definitionId: i.definitionId, businessKey: i.businessKey, ended: ws.ended, suspended: i.suspended, events: ws.events };
  }

  private async resolveDefinition(request: StartRequest): Promise<LoadedDefinition> {
    if (request.definitionId) return this.definitions.get(request.definitionId);
    if (!request.key) throw new InvalidRequestError('Either a process definition key or id is required');
    const record: ProcessDefinitionRecord | null = await this.reads.latestDefinitionByKey(request.key);
    if (!record) throw new NotFoundError(`No process definition with key '${request.key}'`);
    return this.definitions.get(record.id);
  }

  private settings() {
    return { stepBudget: this.stepBudget, newId: this.newId };
  }
}
