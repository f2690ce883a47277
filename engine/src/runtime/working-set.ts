/**
 * The in-memory working set of one command on one process instance: the loaded rows, the
 * changes made to them, the history written and the events emitted. Behaviors reach it only
 * through the BehaviorContext; the adapter receives its ChangeSet in one flush.
 */
import { TableChangeTracker, type ChangeSet, type HistoryChanges, type RuntimeRows } from '../persistence/change-set';
import type { InstanceSnapshot } from '../persistence/port';
import type { EventSubscriptionRecord, ExternalTaskRecord, IncidentRecord, InstanceRecord, JobRecord, TaskRecord, VariableRecord } from '../persistence/records';
import type { EngineEvent, EngineEventType } from './events';
import type { UserOperationLogRecord } from '../persistence/user-operation-record';

/** Key of a variable inside the working set. */
function varKey(scopeId: string, name: string): string {
  return `${scopeId}\u0000${name}`;
}

/** Mutable state of one instance during one command. */
export class WorkingSet {
  readonly variables = new Map<string, VariableRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly incidents = new Map<string, IncidentRecord>();
  readonly variableChanges = new TableChangeTracker<VariableRecord>();
  readonly taskChanges = new TableChangeTracker<TaskRecord>();
  readonly incidentChanges = new TableChangeTracker<IncidentRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly externalTasks = new Map<string, ExternalTaskRecord>();
  readonly jobChanges = new TableChangeTracker<JobRecord>();
  readonly externalTaskChanges = new TableChangeTracker<ExternalTaskRecord>();
  readonly eventSubscriptions = new Map<string, EventSubscriptionRecord>();
  readonly eventSubscriptionChanges = new TableChangeTracker<EventSubscriptionRecord>();
  readonly history: HistoryChanges = {
    processInstanceInserts: [], processInstanceUpdates: [], activityInserts: [], activityUpdates: [],
    taskInserts: [], taskUpdates: [], variableUpserts: [], variableUpdates: [],
  };
  /** User operation log entries of this command (see runtime/user-operation-log.ts). */
  readonly userOperations: UserOperationLogRecord[] = [];
  private endedHere = false;
  /** Kinds of runtime rows the instance had in the store when loaded (what an ending instance must delete). */
  private storedRows: ReadonlySet<RuntimeRows> = new Set();

  /** `events`: the command's log; working sets of called instances in one command share it, so it stays in order. */
  private constructor(
    readonly instance: InstanceRecord,
    private readonly isNew: boolean,
    private readonly now: () => Date,
    readonly events: EngineEvent[] = [],
  ) {}

  /** A working set for a new instance. */
  static create(instance: InstanceRecord, now: () => Date, events?: EngineEvent[]): WorkingSet {
    return new WorkingSet(instance, true, now, events);
  }

  /** A working set over a loaded snapshot. */
  static load(snapshot: InstanceSnapshot, now: () => Date, events?: EngineEvent[]): WorkingSet {
    const ws = new WorkingSet(structuredClone(snapshot.instance), false, now, events);
    for (const v of snapshot.variables) ws.variables.set(varKey(v.scopeId, v.name), { ...v });
    for (const t of snapshot.tasks) ws.tasks.set(t.id, { ...t });
    for (const i of snapshot.incidents) ws.incidents.set(i.id, i);
    for (const j of snapshot.jobs) ws.jobs.set(j.id, structuredClone(j));
    for (const x of snapshot.externalTasks) ws.externalTasks.set(x.id, { ...x });
    for (const e of snapshot.eventSubscriptions) ws.eventSubscriptions.set(e.id, e);
    const counts: Record<RuntimeRows, number> = {
      variables: snapshot.variables.length, tasks: snapshot.tasks.length, incidents: snapshot.incidents.length,
      jobs: snapshot.jobs.length, externalTasks: snapshot.externalTasks.length, eventSubscriptions: snapshot.eventSubscriptions.length,
    };
    ws.storedRows = new Set((Object.keys(counts) as RuntimeRows[]).filter((k) => counts[k] > 0));
    return ws;
  }

  /** Current time from the engine clock. */
  time(): Date {
    return this.now();
  }

  /** Appends an event to the log. */
  emit(type: EngineEventType, elementId: string | null, detail?: string): void {
    this.events.push({ type, instanceId: this.instance.id, elementId, time: this.now(), ...(detail ? { detail } : {}) });
  }

  /** The variable stored exactly at this scope, if any. */
  variableAt(scopeId: string, name: string): VariableRecord | undefined {
    return this.variables.get(varKey(scopeId, name));
  }

  /** Stores a variable row (new or changed). */
  putVariable(v: VariableRecord, isNew: boolean): void {
    this.variables.set(varKey(v.scopeId, v.name), v);
    if (isNew) this.variableChanges.insert(v);
    else this.variableChanges.update(v);
  }

  /** Incidents created by hand (code CUSTOM) end with their token, as Camunda's end with their execution. */
  private dropCustomIncidentsOfGoneTokens(): void {
    for (const incident of [...this.incidents.values()]) {
      if (incident.errorCode !== 'CUSTOM' || this.instance.tokens.some((t) => t.id === incident.tokenId)) continue;
      this.incidents.delete(incident.id);
      this.incidentChanges.delete(incident.id);
    }
  }

  /** Removes one variable row. */
  removeVariable(v: VariableRecord): void {
    this.variables.delete(varKey(v.scopeId, v.name));
    this.variableChanges.delete(v.id);
  }

  /** Removes every variable of a scope (scope ended); history keeps them. */
  dropScopeVariables(scopeId: string): void {
    for (const [key, v] of this.variables) {
      if (v.scopeId !== scopeId) continue;
      this.variables.delete(key);
      this.variableChanges.delete(v.id);
    }
  }

  /** Adds a new job. */
  addJob(job: JobRecord): void {
    this.jobs.set(job.id, job);
    this.jobChanges.insert(job);
  }

  /** Records a change of a job. */
  updateJob(job: JobRecord): void {
    this.jobChanges.update(job);
  }

  /** Removes a job (executed, or its token left). */
  removeJob(id: string): void {
    this.jobs.delete(id);
    this.jobChanges.delete(id);
  }

  /** Adds a new external task. */
  addExternalTask(task: ExternalTaskRecord): void {
    this.externalTasks.set(task.id, task);
    this.externalTaskChanges.insert(task);
  }

  /** Records a change of an external task. */
  updateExternalTask(task: ExternalTaskRecord): void {
    this.externalTaskChanges.update(task);
  }

  /** Removes an external task (completed, or its token left). */
  removeExternalTask(id: string): void {
    this.externalTasks.delete(id);
    this.externalTaskChanges.delete(id);
  }

  /** Adds a new event subscription. */
  addEventSubscription(subscription: EventSubscriptionRecord): void {
    this.eventSubscriptions.set(subscription.id, subscription);
    this.eventSubscriptionChanges.insert(subscription);
  }

  /** Removes an event subscription (delivered, or what waited for it left). */
  removeEventSubscription(id: string): void {
    this.eventSubscriptions.delete(id);
    this.eventSubscriptionChanges.delete(id);
  }

  /** Marks the instance as ended: its runtime rows will be deleted by the adapter. */
  markEnded(): void {
    this.endedHere = true;
  }

  /** True once the instance ended in this command. */
  get ended(): boolean {
    return this.endedHere;
  }

  /** The change set to flush. */
  changeSet(): ChangeSet {
    this.instance.revision += 1;
    this.dropCustomIncidentsOfGoneTokens();
    if (this.endedHere) {
      // The instance's jobs leave with it (the adapter deletes them by instance); only jobs
      // outside it (a timer start job that fired or was rescheduled) are still written.
      for (const job of this.jobs.values()) {
        if (job.instanceId !== this.instance.id) continue;
        this.jobChanges.inserted.delete(job.id);
        this.jobChanges.updated.delete(job.id);
      }
    }
    // An instance that starts and ends in one command never touches the runtime tables.
    if (this.isNew && this.endedHere) {
      const none = () => new TableChangeTracker<never>();
      // Jobs outside the instance (a timer start job that fired) still change.
      return {
        instance: null, variables: none(), tasks: none(), incidents: none(), jobs: this.jobChanges, externalTasks: none(),
        eventSubscriptions: none(), history: this.history, userOperations: this.userOperations,
      };
    }
    const kind = this.endedHere ? 'delete' : this.isNew ? 'insert' : 'update';
    return {
      instance: { kind, record: this.instance },
      variables: this.variableChanges,
      tasks: this.taskChanges,
      incidents: this.incidentChanges,
      jobs: this.jobChanges,
      externalTasks: this.externalTaskChanges,
      eventSubscriptions: this.eventSubscriptionChanges,
      ...(this.endedHere ? { storedRows: this.storedRows } : {}),
      history: this.history,
      userOperations: this.userOperations,
    };
  }
}
