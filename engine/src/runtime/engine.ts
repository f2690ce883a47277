/**
 * The engine's public command API. One command = one transaction from one wait state to the
 * next: lock the instance row, load its working set, run, flush, commit (or, right after a
 * command on the same instance, run on its cached working set and let the flush verify it:
 * instance-cache.ts). Events reach listeners only after the commit.
 */
import { timeOrderedId } from './time-ordered-id';
import { BatonError, InvalidRequestError, NotFoundError } from '../errors';
import { DEFAULT_MAX_XML_BYTES } from '../parser/xml-guard';
import type { PersistencePort, StoreReads } from '../persistence/port';
import type { EventSubscriptionRecord, JobRecord, TaskRecord, VariableRecord } from '../persistence/records';
import type { VariableMap } from '../variables/typed-value';
import { CommandRunner, jobOnlyChanges, type EventListener, type InstanceResult } from './command-runner';
import { TableChangeTracker } from '../persistence/change-set';
import { DefinitionCache, type LoadedDefinition } from './definition-cache';
import { InstanceStarter, type StartRequest } from './instance-starter';
import { InstanceCache } from './instance-cache';
import { deploy, type DeployRequest, type DeployResult } from './deployer';
import { EventCommands } from './event-commands';
import { startSubscriptions, timerStartJobs } from './job-factory';
import { requireElement } from '../model/executable-model';
import { ExternalTaskCommands } from './external-task-commands';
import { IncidentCommands } from './incident-commands';
import { JobCommands } from './job-commands';
import type { ProcessExecution } from './process-execution';
import { VariableScopes } from './variable-scopes';
import type { ModificationInstruction, ModificationOptions } from './instance-modification';
import { WorkingSet } from './working-set';
import { HandlerRegistry, type Registrable } from '../delegates/handler-registry';
import { definitionSuspensionEntries, instanceFacts, logUserOperation, taskFacts, type PropertyChange } from './user-operation-log';
import { identityLinkChanges, taskPropertyChanges } from './task-operation-log';

export type { EventListener, InstanceResult } from './command-runner';
export type { ModificationInstruction, ModificationOptions } from './instance-modification';
export type { StartRequest } from './instance-starter';

/** Engine configuration. */
export interface EngineOptions {
  readonly store: PersistencePort;
  /** Clock for timestamps and due dates (injectable in tests; default: the store's clock, else the system clock). */
  readonly clock?: () => Date;
  /** Max element entries per command before remaining tokens become incidents (default 10,000). */
  readonly stepBudget?: number;
  /** Max size of one deployed resource in bytes (default 10 MB). */
  readonly maxResourceBytes?: number;
  /** Id generator for every row the engine creates (default: time-ordered UUIDv7, see time-ordered-id.ts). */
  readonly newId?: () => string;
  /**
   * Handlers for `camunda:class`, `camunda:delegateExpression` and beans in `camunda:expression`,
   * by name (see delegates/handler-registry.ts). More can be added with `registerHandler`.
   */
  readonly handlers?: Readonly<Record<string, Registrable>>;
  /** Max nesting of instances called by call activities below a root instance (default 32); deeper calls become incidents. */
  readonly callDepthLimit?: number;
  /** Instances whose working set stays cached after a command, for the next one (default 1,000; 0 turns the cache off; see instance-cache.ts). */
  readonly instanceCacheSize?: number;
}

/** A batch of variable changes (Camunda's PatchVariablesDto). */
export interface VariableChange {
  readonly modifications?: VariableMap;
  readonly deletions?: readonly string[];
  /** How the user operation log names the change (default ModifyVariable). */
  readonly operationType?: 'ModifyVariable' | 'SetVariable' | 'RemoveVariable';
}

/** Task fields a command may change. */
export type TaskFieldChanges = Partial<
  Pick<TaskRecord, 'name' | 'description' | 'due' | 'followUp' | 'priority' | 'owner' | 'assignee' | 'delegationState' | 'candidateUsers' | 'candidateGroups'>
>;

/** Options of a command on one user task. */
export interface TaskCommandOptions {
  /**
   * Checks the caller may act on the task, as found under the instance's lock; throwing fails
   * the command and writes nothing. Why here: the REST API used to read the task for its
   * permission check before the command read it again, one round trip more per completion.
   */
  readonly authorize?: (task: TaskRecord) => void;
}

/** The process engine. */
export class Engine {
  readonly reads: StoreReads;
  private readonly store: PersistencePort;
  private readonly definitions: DefinitionCache;
  private readonly starter: InstanceStarter;
  private readonly clock: () => Date;
  private readonly stepBudget: number;
  private readonly maxResourceBytes: number;
  private readonly newId: () => string;
  private readonly runner: CommandRunner;
  private readonly handlers: HandlerRegistry;
  /** Job commands: execute (the job executor's entry), retries, due date, suspension, priority. */
  readonly jobs: JobCommands;
  /** External task commands: fetchAndLock, complete, failure, bpmnError, locks, retries, priority. */
  readonly externalTasks: ExternalTaskCommands;
  /** Incident commands: retry/resolve. */
  readonly incidents: IncidentCommands;
  /** Message correlation and signal broadcast. */
  readonly events: EventCommands;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.reads = options.store.reads;
    this.definitions = new DefinitionCache(this.reads);
    this.clock = options.clock ?? options.store.clock ?? (() => new Date());
    this.stepBudget = options.stepBudget ?? 10_000;
    this.maxResourceBytes = options.maxResourceBytes ?? DEFAULT_MAX_XML_BYTES;
    this.newId = options.newId ?? (() => timeOrderedId());
    this.handlers = new HandlerRegistry(options.handlers);
    this.runner = new CommandRunner(this.store, this.definitions, this.clock, { stepBudget: this.stepBudget, newId: this.newId, handlers: this.handlers }, options.callDepthLimit, new InstanceCache(options.instanceCacheSize));
    this.starter = new InstanceStarter(this.store, this.definitions, this.runner, this.clock);
    this.events = new EventCommands(this.runner);
    this.jobs = new JobCommands(this.runner, this.events);
    this.externalTasks = new ExternalTaskCommands(this.runner, this);
    this.incidents = new IncidentCommands(this.runner);
  }

  /** The engine clock (due dates, timestamps). */
  now(): Date {
    return this.clock();
  }

  /** Subscribes to committed events; returns the unsubscribe function. */
  onEvents(listener: EventListener): () => void {
    this.runner.listeners.add(listener);
    return () => this.runner.listeners.delete(listener);
  }

  /** Deploys BPMN (and other) resources; a handler the models name but nobody registered is a deploy error. */
  async deploy(request: DeployRequest): Promise<DeployResult> {
    const result = await deploy(this.store, this.definitions, request, { maxResourceBytes: this.maxResourceBytes, newId: this.newId, now: this.clock, handlers: this.handlers });
    this.starter.latest.forgetKeys(result.definitions.map((d) => d.key));
    return result;
  }

  /** Registers (or replaces) a handler by name; models deployed afterwards may use it. */
  registerHandler(name: string, handler: Registrable): void {
    this.handlers.register(name, handler);
  }

  /** Names of the registered handlers. */
  handlerNames(): string[] {
    return this.handlers.names();
  }

  /**
   * After the latest version of these keys was deleted (definition or deployment deletion), the
   * version now latest gets its timer start jobs and message/signal start subscriptions back, as
   * in Camunda 7. Runs after the deletion committed: a crash in between leaves the key without
   * start triggers until the next deletion or deployment of it.
   */
  async restoreStartTriggers(keys: readonly string[]): Promise<void> {
    for (const key of new Set(keys)) {
      const latest = await this.reads.latestDefinitionByKey(key);
      const now = this.clock();
      let jobs: JobRecord[] = [];
      let subscriptions: EventSubscriptionRecord[] = [];
      if (latest?.isExecutable) {
        const { model } = await this.definitions.get(latest.id);
        const root = model.scopes.get(model.key);
        const nodes = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => requireElement(model, id));
        jobs = timerStartJobs(latest, nodes(root?.timerStartEventIds), this.newId, now).map((j) => ({ ...j, suspended: latest.suspended }));
        subscriptions = startSubscriptions(latest, nodes(root?.eventStartEventIds), this.newId, now);
      }
      await this.store.transaction((tx) => tx.replaceStartTriggers(key, jobs, subscriptions));
    }
  }

  /** Forgets cached definitions and latest versions (after their deployment was deleted or their suspension changed). */
  forgetDefinitions(ids: readonly string[]): void {
    this.definitions.forget(ids);
    this.starter.latest.forgetVersions(ids);
  }

  /** The definition and model of an id. */
  definition(id: string): Promise<LoadedDefinition> {
    return this.definitions.get(id);
  }

  /** Starts a process instance; runs it to its first wait state within the same transaction. */
  startProcessInstance(request: StartRequest): Promise<InstanceResult> {
    return this.starter.start(request);
  }

  /** Completes a user task with variables; the instance moves on to its next wait state. */
  completeTask(taskId: string, variables: VariableMap = {}, options: TaskCommandOptions = {}): Promise<InstanceResult> {
    return this.onTask(taskId, 'complete', (execution, task) => this.complete(execution, task, variables), options);
  }

  /**
   * Submits a task's form as Camunda 7's SubmitTaskFormCmd: a delegated task (PENDING) is
   * resolved, i.e. goes back to its owner; any other task is completed.
   */
  submitTaskForm(taskId: string, variables: VariableMap = {}, options: TaskCommandOptions = {}): Promise<InstanceResult> {
    return this.onTask(taskId, 'submit the form of', (execution, task) => {
      if (task.delegationState === 'PENDING') this.resolve(execution, task, variables);
      else this.complete(execution, task, variables);
    }, options);
  }

  private complete(execution: ProcessExecution, task: TaskRecord, variables: VariableMap): void {
    execution.variables.setAll(task.id, variables);
    // Complete listeners run before the task ends; a failure fails the command (nothing is written).
    execution.notifyTaskListeners(task, 'complete');
    this.logTask(execution, task, 'Complete', [{ property: 'delete', orgValue: false, newValue: true }]);
    const token = execution.ws.instance.tokens.find((t) => t.id === task.tokenId)!;
    execution.trigger(token, { kind: 'taskCompleted' });
  }

  /**
   * A user task reports a BPMN error (Camunda's POST /task/{id}/bpmnError): the task ends and the
   * error is thrown at its activity, to its error boundary events and event sub-processes.
   */
  taskBpmnError(taskId: string, errorCode: string, errorMessage: string | null, variables: VariableMap = {}): Promise<InstanceResult> {
    if (!errorCode) throw new InvalidRequestError('errorCode is required');
    return this.onTask(taskId, 'report a BPMN error for', (execution, task) => {
      execution.variables.setAll(task.id, variables);
      const token = execution.ws.instance.tokens.find((t) => t.id === task.tokenId)!;
      execution.endUserTask(token, 'deleted');
      execution.throwAt(token, { type: 'error', code: errorCode, message: errorMessage });
    });
  }

  /** A user task reports an escalation (POST /task/{id}/bpmnEscalation); the task stays unless an interrupting catch ends it. */
  taskEscalation(taskId: string, escalationCode: string, variables: VariableMap = {}): Promise<InstanceResult> {
    if (!escalationCode) throw new InvalidRequestError('escalationCode is required');
    return this.onTask(taskId, 'report an escalation for', (execution, task) => {
      execution.variables.setAll(task.id, variables);
      const token = execution.ws.instance.tokens.find((t) => t.id === task.tokenId)!;
      execution.escalateAt(token, { type: 'escalation', code: escalationCode, message: null });
    });
  }

  /** Claims a task for a user; fails when someone else holds it. */
  claimTask(taskId: string, userId: string): Promise<InstanceResult> {
    return this.onTask(taskId, 'claim', (execution, task) => {
      if (task.assignee && task.assignee !== userId) {
        throw new BatonError('TASK_ALREADY_CLAIMED', `Cannot claim task '${taskId}': it is already claimed by someone else`);
      }
      this.logTask(execution, task, 'Claim', [{ property: 'assignee', orgValue: task.assignee, newValue: userId }]);
      this.changeTask(execution, task, { assignee: userId });
    });
  }

  /** Releases a claimed task (logged as Camunda's claim with no user). */
  unclaimTask(taskId: string): Promise<InstanceResult> {
    return this.onTask(taskId, 'unclaim', (execution, task) => {
      this.logTask(execution, task, 'Claim', [{ property: 'assignee', orgValue: task.assignee, newValue: null }]);
      this.changeTask(execution, task, { assignee: null });
    });
  }

  /** Sets (or with null clears) a task's assignee. */
  setAssignee(taskId: string, userId: string | null): Promise<InstanceResult> {
    return this.onTask(taskId, 'set the assignee of', (execution, task) => {
      this.logTask(execution, task, 'Assign', [{ property: 'assignee', orgValue: task.assignee, newValue: userId }]);
      this.changeTask(execution, task, { assignee: userId });
    });
  }

  /**
   * Variables visible from a scope (a task id, a sub-process scope id or the instance id):
   * nearest scope wins, as expressions see them. Null when the instance is gone.
   */
  async visibleVariables(instanceId: string, scopeId: string): Promise<VariableRecord[] | null> {
    const instance = await this.reads.getInstance(instanceId);
    if (!instance) return null;
    const [variables, tasks] = await Promise.all([this.reads.instanceVariables(instanceId), this.reads.findTasks({ processInstanceId: instanceId })]);
    const ws = WorkingSet.load({ instance, variables, tasks, incidents: [], jobs: [], externalTasks: [], eventSubscriptions: [] }, this.clock);
    const scopes = new VariableScopes(ws, this.newId);
    const visible = new Map<string, VariableRecord>();
    for (const id of scopes.chain(scopeId).reverse()) for (const v of variables) if (v.scopeId === id) visible.set(v.name, v);
    return [...visible.values()];
  }

  /** Sets variables of a running instance (Camunda's propagation from `scopeId`, default the instance), e.g. before retrying an incident. */
  setVariables(instanceId: string, variables: VariableMap, scopeId?: string): Promise<InstanceResult> {
    return this.onInstance(instanceId, (e) => {
      e.variables.setAll(scopeId ?? instanceId, variables);
      e.settle();
    });
  }

  /**
   * Changes variables of a running instance as one command: `modifications` then `deletions`,
   * from `scopeId` (an instance, sub-process scope or task id). `local` writes and deletes
   * exactly at that scope; otherwise Camunda's propagation applies.
   */
  modifyVariables(instanceId: string, scopeId: string, change: VariableChange, local = false): Promise<InstanceResult> {
    return this.onInstance(instanceId, (e) => {
      const scopes = new Set([instanceId, ...e.ws.instance.scopes.map((s) => s.id), ...e.ws.tasks.keys()]);
      if (!scopes.has(scopeId)) throw new NotFoundError(`Scope '${scopeId}' is not part of process instance '${instanceId}'`);
      const task = e.ws.tasks.get(scopeId);
      logUserOperation(
        e.ws.userOperations,
        { operationType: change.operationType ?? 'ModifyVariable', entityType: 'Variable', category: task ? 'TaskWorker' : 'Operator', ...(task ? taskFacts(e.ws.instance, task) : instanceFacts(e.ws.instance)) },
        [],
        this.clock(),
      );
      if (local) e.variables.setAllLocal(scopeId, change.modifications ?? {});
      else e.variables.setAll(scopeId, change.modifications ?? {});
      for (const name of change.deletions ?? []) e.variables.remove(scopeId, name, local);
      e.settle();
    });
  }

  /** Changes a task's own fields (name, description, dates, priority, owner). */
  updateTask(taskId: string, changes: TaskFieldChanges): Promise<InstanceResult> {
    return this.onTask(taskId, 'update', (execution, task) => {
      const fields = taskPropertyChanges(task, changes);
      if (fields.length) this.logTask(execution, task, 'Update', fields);
      for (const link of identityLinkChanges(task, changes)) this.logTask(execution, task, link.operationType, [link.change]);
      this.changeTask(execution, task, changes);
    });
  }

  /** Delegates a task: the owner stays (or becomes the current assignee), the delegate works on it. */
  delegateTask(taskId: string, userId: string): Promise<InstanceResult> {
    return this.onTask(taskId, 'delegate', (execution, task) => {
      const changes: TaskFieldChanges = { owner: task.owner ?? task.assignee, assignee: userId, delegationState: 'PENDING' };
      this.logTask(execution, task, 'Delegate', taskPropertyChanges(task, changes));
      this.changeTask(execution, task, changes);
    });
  }

  /** Resolves a delegated task: it goes back to its owner, with the delegate's variables. */
  resolveTask(taskId: string, variables: VariableMap = {}): Promise<InstanceResult> {
    return this.onTask(taskId, 'resolve', (execution, task) => {
      if (task.delegationState !== 'PENDING') throw new InvalidRequestError(`Cannot resolve task '${taskId}': it is not delegated`);
      this.resolve(execution, task, variables);
    });
  }

  private resolve(execution: ProcessExecution, task: TaskRecord, variables: VariableMap): void {
    execution.variables.setAll(task.id, variables);
    this.logTask(execution, task, 'Resolve', [{ property: 'delegation', orgValue: task.delegationState, newValue: 'RESOLVED' }]);
    this.changeTask(execution, task, { assignee: task.owner, delegationState: 'RESOLVED' });
    execution.settle();
  }

  /** Suspends or activates an instance: its tasks, jobs and external tasks cannot be worked on while suspended. */
  setInstanceSuspended(instanceId: string, suspended: boolean): Promise<InstanceResult> {
    return this.onInstance(instanceId, (e) => {
      const ws = e.ws;
      const state = suspended ? 'suspended' : 'active';
      logUserOperation(ws.userOperations, { operationType: suspended ? 'Suspend' : 'Activate', entityType: 'ProcessInstance', category: 'Operator', ...instanceFacts(ws.instance) }, [{ property: 'suspensionState', newValue: state }], this.clock());
      ws.instance.suspended = suspended;
      for (const t of ws.tasks.values()) {
        t.suspended = suspended;
        ws.taskChanges.update(t);
      }
      for (const j of ws.jobs.values()) {
        j.suspended = suspended;
        ws.jobChanges.update(j);
      }
      for (const x of ws.externalTasks.values()) {
        x.suspended = suspended;
        ws.externalTaskChanges.update(x);
      }
      ws.history.processInstanceUpdates.push({ id: instanceId, endTime: null, endActivityId: null, deleteReason: null, state: suspended ? 'SUSPENDED' : 'ACTIVE' });
    });
  }

  /** Suspends or activates definitions (no new instances; their timer start jobs pause). */
  async setDefinitionsSuspended(ids: readonly string[], suspended: boolean): Promise<void> {
    const records = await Promise.all(ids.map((id) => this.reads.getDefinition(id)));
    const entries = definitionSuspensionEntries(records, suspended, this.clock());
    await this.store.transaction(async (tx) => {
      await tx.setDefinitionsSuspended(ids, suspended);
      if (entries.length) await tx.flush(jobOnlyChanges(new TableChangeTracker<JobRecord>(), entries));
    });
    // Cached records carry the flag: drop them, the next use reloads the current state.
    this.forgetDefinitions(ids);
  }

  /** Process instance modification: start/cancel instructions applied in order, in one command (Camunda's modification). */
  modifyProcessInstance(instanceId: string, instructions: readonly ModificationInstruction[], options: ModificationOptions = {}): Promise<InstanceResult> {
    return this.onInstance(instanceId, (execution) => execution.modify(instructions, options));
  }

  /**
   * Signals a waiting execution (Camunda's POST /execution/{id}/signal): a receive task, or a
   * message/signal catch event, moves on as if its event had arrived, with these variables.
   */
  signalExecution(instanceId: string, executionId: string, variables: VariableMap = {}): Promise<InstanceResult> {
    return this.onInstance(instanceId, (e) => {
      const token = e.token(executionId);
      const node = token ? e.model.elements.get(token.elementId) : undefined;
      const signallable = node && (node.kind === 'receiveTask' || node.kind === 'messageIntermediateCatchEvent' || node.kind === 'signalIntermediateCatchEvent');
      if (!token || token.status !== 'waiting' || token.async || !signallable) {
        throw new InvalidRequestError(`Execution '${executionId}' is not waiting at a receive task or message/signal catch event; it cannot be signalled`);
      }
      for (const sub of [...e.ws.eventSubscriptions.values()]) if (sub.tokenId === token.id) e.ws.removeEventSubscription(sub.id);
      e.variables.setAll(token.scopeInstanceId, variables);
      e.trigger(token, { kind: 'eventReceived', elementId: token.elementId });
    });
  }

  /**
   * Deletes (cancels) a running process instance; `skipCustomListeners` / `skipIoMappings`: its
   * end listeners and output mappings do not run (Camunda's flags of the delete).
   */
  deleteProcessInstance(instanceId: string, reason: string | null = null, options: { skipCustomListeners?: boolean; skipIoMappings?: boolean } = {}): Promise<InstanceResult> {
    return this.onInstance(instanceId, (execution) => {
      logUserOperation(execution.ws.userOperations, { operationType: 'Delete', entityType: 'ProcessInstance', category: 'Operator', ...instanceFacts(execution.ws.instance) }, [], this.clock());
      execution.skipCustomListeners = options.skipCustomListeners === true;
      execution.skipIoMappings = options.skipIoMappings === true;
      execution.cancelInstance(reason);
    });
  }

  private logTask(execution: ProcessExecution, task: TaskRecord, operationType: string, changes: readonly PropertyChange[]): void {
    logUserOperation(execution.ws.userOperations, { operationType, entityType: 'Task', category: 'TaskWorker', ...taskFacts(execution.ws.instance, task) }, changes, this.clock());
  }

  private changeTask(execution: ProcessExecution, task: TaskRecord, fields: TaskFieldChanges): void {
    const assigneeBefore = task.assignee;
    // Undefined means "leave as is"; null clears.
    Object.assign(task, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    execution.ws.taskChanges.update(task);
    execution.historyTaskUpdated(task);
    execution.ws.emit('task.updated', task.taskDefinitionKey, task.id);
    if (task.assignee !== assigneeBefore) execution.notifyTaskListeners(task, 'assignment');
  }

  private onTask(taskId: string, verb: string, work: (e: ProcessExecution, task: TaskRecord) => void, options: TaskCommandOptions = {}): Promise<InstanceResult> {
    const missing = () => new NotFoundError(`Cannot ${verb} task '${taskId}': no open task with this id (it may have been completed or deleted)`);
    return this.runner.onInstance({ owner: 'task', id: taskId }, (execution) => {
      const task = execution.ws.tasks.get(taskId);
      if (!task) throw missing();
      options.authorize?.(task);
      if (task.suspended || execution.ws.instance.suspended) {
        throw new BatonError('SUSPENDED', `Cannot ${verb} task '${taskId}': it or its process instance is suspended`);
      }
      work(execution, task);
    }, false, missing);
  }

  private onInstance(instanceId: string, work: (e: ProcessExecution) => void): Promise<InstanceResult> {
    return this.runner.onInstance(instanceId, work);
  }
}
