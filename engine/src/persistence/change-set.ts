/**
 * Everything one command writes, collected in memory and flushed by the adapter in one
 * transaction. Rows are keyed by id, so that a row inserted and updated within the same
 * command is written once.
 */
import type {
  ExternalTaskRecord, HistoricActivityInstanceRecord, HistoricProcessInstanceRecord, HistoricTaskRecord, HistoricVariableRecord,
  EventSubscriptionRecord, IncidentRecord, InstanceRecord, JobRecord, TaskRecord, VariableRecord, VariableUpdateRecord,
} from './records';
import type { UserOperationLogRecord } from './user-operation-record';

/** Inserted or changed rows of one table, and ids of deleted ones. */
export interface TableChanges<T> {
  /** Rows that did not exist before the command. */
  readonly inserted: ReadonlyMap<string, T>;
  /** Rows that existed and changed. */
  readonly updated: ReadonlyMap<string, T>;
  readonly deleted: ReadonlySet<string>;
}

/** The kinds of runtime rows an instance owns (the ChangeSet properties of the same names). */
export type RuntimeRows = 'variables' | 'tasks' | 'incidents' | 'jobs' | 'externalTasks' | 'eventSubscriptions';

/** The complete write set of one command on one process instance. */
export interface ChangeSet {
  readonly instance: { readonly kind: 'insert' | 'update' | 'delete'; readonly record: InstanceRecord } | null;
  readonly variables: TableChanges<VariableRecord>;
  readonly tasks: TableChanges<TaskRecord>;
  readonly incidents: TableChanges<IncidentRecord>;
  /** Jobs of the instance, and timer start jobs a command fires or reschedules. */
  readonly jobs: TableChanges<JobRecord>;
  readonly externalTasks: TableChanges<ExternalTaskRecord>;
  /** Subscriptions of the instance (inserted and deleted, never updated). */
  readonly eventSubscriptions: TableChanges<EventSubscriptionRecord>;
  /**
   * When the instance ends: the kinds of runtime rows it had in the store when loaded. The
   * adapter deletes only those (an instance without jobs needs no `DELETE FROM job`); absent: all.
   */
  readonly storedRows?: ReadonlySet<RuntimeRows>;
  readonly history: HistoryChanges;
  /** User operation log entries of the command (absent or empty when no user acted). */
  readonly userOperations?: readonly UserOperationLogRecord[];
}

/** History writes: new rows in full, and partial updates of rows written by earlier commands. */
export interface HistoryChanges {
  readonly processInstanceInserts: HistoricProcessInstanceRecord[];
  readonly processInstanceUpdates: Array<Pick<HistoricProcessInstanceRecord, 'id' | 'endTime' | 'state' | 'endActivityId' | 'deleteReason'>>;
  readonly activityInserts: HistoricActivityInstanceRecord[];
  readonly activityUpdates: Array<Pick<HistoricActivityInstanceRecord, 'id' | 'endTime' | 'canceled'>>;
  readonly taskInserts: HistoricTaskRecord[];
  readonly taskUpdates: HistoricTaskUpdate[];
  /** Latest value per variable (insert or replace). */
  readonly variableUpserts: HistoricVariableRecord[];
  readonly variableUpdates: VariableUpdateRecord[];
}

/** Fields of a historic task that commands change after creation. */
export type HistoricTaskUpdate = Pick<
  HistoricTaskRecord,
  'id' | 'name' | 'description' | 'assignee' | 'owner' | 'endTime' | 'due' | 'followUp' | 'priority' | 'deleteReason'
>;

/** Mutable collector for one table's changes; knows whether a row existed before. */
export class TableChangeTracker<T extends { readonly id: string }> implements TableChanges<T> {
  readonly inserted = new Map<string, T>();
  readonly updated = new Map<string, T>();
  readonly deleted = new Set<string>();

  /** Records a new row. */
  insert(row: T): void {
    this.inserted.set(row.id, row);
  }

  /** Records a change of a row (new in this command or loaded). */
  update(row: T): void {
    if (this.inserted.has(row.id)) this.inserted.set(row.id, row);
    else this.updated.set(row.id, row);
  }

  /** Records a deletion; a row inserted in the same command simply disappears. */
  delete(id: string): void {
    if (this.inserted.delete(id)) return;
    this.updated.delete(id);
    this.deleted.add(id);
  }

  /** True when nothing changed. */
  get isEmpty(): boolean {
    return this.inserted.size === 0 && this.updated.size === 0 && this.deleted.size === 0;
  }
}
