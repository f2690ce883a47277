/**
 * The in-memory working set of one command on one process instance: the loaded rows, the
 * changes made to them, the history written and the events emitted. Behaviors reach it only
 * through the BehaviorContext; the adapter receives its ChangeSet in one flush.
 */
import { TableChangeTracker, type ChangeSet, type HistoryChanges } from '../persistence/change-set';
import type { InstanceSnapshot } from '../persistence/port';
import type { IncidentRecord, InstanceRecord, TaskRecord, VariableRecord } from '../persistence/records';
import type { EngineEvent, EngineEventType } from './events';

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
  readonly history: HistoryChanges = {
    processInstanceInserts: [], processInstanceUpdates: [], activityInserts: [], activityUpdates: [],
    taskInserts: [], taskUpdates: [], variableUpserts: [], variableUpdates: [],
  };
  readonly events: EngineEvent[] = [];
  private endedHere = false;

  private constructor(
    readonly instance: InstanceRecord,
    private readonly isNew: boolean,
    private readonly now: () => Date,
  ) {}

  /** A working set for a new instance. */
  static create(instance: InstanceRecord, now: () => Date): WorkingSet {
    return new WorkingSet(instance, true, now);
  }

  /** A working set over a loaded snapshot. */
  static load(snapshot: InstanceSnapshot, now: () => Date): WorkingSet {
    const ws = new WorkingSet(structuredClone(snapshot.instance), false, now);
    for (const v of snapshot.variables) ws.variables.set(varKey(v.scopeId, v.name), { ...v });
    for (const t of snapshot.tasks) ws.tasks.set(t.id, { ...t });
    for (const i of snapshot.incidents) ws.incidents.set(i.id, i);
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

  /** Removes every variable of a scope (scope ended); history keeps them. */
  dropScopeVariables(scopeId: string): void {
    for (const [key, v] of this.variables) {
      if (v.scopeId !== scopeId) continue;
      this.variables.delete(key);
      this.variableChanges.delete(v.id);
    }
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
    // An instance that starts and ends in one command never touches the runtime tables.
    if (this.isNew && this.endedHere) {
      const none = () => new TableChangeTracker<never>();
      return { instance: null, variables: none(), tasks: none(), incidents: none(), history: this.history };
    }
    const kind = this.endedHere ? 'delete' : this.isNew ? 'insert' : 'update';
    return {
      instance: { kind, record: this.instance },
      variables: this.variableChanges,
      tasks: this.taskChanges,
      incidents: this.incidentChanges,
      history: this.history,
    };
  }
}
