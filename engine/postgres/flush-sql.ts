/**
 * Turns a ChangeSet into SQL statements: one INSERT per table with the rows as one jsonb
 * parameter expanded by jsonb_populate_recordset, one UPDATE or DELETE per row by primary key.
 * The statements travel to the server in a single round trip and each statement text is
 * planned once per connection (see statement-batch.ts), so every plan must be right for a
 * table of any size: why updates and deletes go by `id = $n` (a cached plan for
 * `id = ANY($1)` or a join with a set-returning function seq-scans a table that was small
 * when the plan was made, however big it grows).
 */
import type { ChangeSet, RuntimeRows, TableChanges } from '@baton/engine';
import { instanceToRow, taskToRow, toRow } from './row-mapping';
import { rowsStatement, type BatchStatement } from './statement-batch';
import { fileContentStatement, withoutFileContent } from './variable-files';

const variableRow = (r: object) => withoutFileContent(toRow(r));

/** Statements for one change set, in dependency-safe order. */
export function flushStatements(c: ChangeSet): BatchStatement[] {
  const out: BatchStatement[] = [];
  const files = fileContentStatement(c);
  if (files) out.push(files);
  const instance = c.instance;
  if (instance?.kind === 'delete') {
    const id = instance.record.id;
    // Only the tables the instance had rows in: most instances end with no jobs, incidents or subscriptions.
    for (const [kind, table] of RUNTIME_TABLES) {
      if (c.storedRows && !c.storedRows.has(kind)) continue;
      out.push({ sql: text(`delete-of:${table}`, () => `DELETE FROM ${table} WHERE process_instance_id = $1`), params: [id] });
    }
    out.push({ sql: `DELETE FROM process_instance WHERE id = $1`, params: [id] });
    table(out, 'job', c.jobs, JOB_COLUMNS);
  } else {
    if (instance?.kind === 'insert') out.push(insert('process_instance', [instanceToRow(instance.record)]));
    if (instance?.kind === 'update') {
      out.push(...update('process_instance', [instanceToRow(instance.record)], ['state', 'revision', 'suspended']));
    }
    table(out, 'variable', c.variables, ['type', 'value', 'revision'], variableRow);
    table(out, 'user_task', c.tasks, ['name', 'description', 'assignee', 'owner', 'candidate_users', 'candidate_groups', 'due', 'follow_up', 'priority', 'form_key', 'form_ref', 'suspended', 'delegation_state'], taskToRow);
    table(out, 'incident', c.incidents, []);
    table(out, 'job', c.jobs, JOB_COLUMNS);
    table(out, 'external_task', c.externalTasks, ['worker_id', 'lock_expires_at', 'retries', 'error_message', 'error_details', 'priority', 'suspended']);
    table(out, 'event_subscription', c.eventSubscriptions, []);
  }
  history(out, c);
  return out;
}

const RUNTIME_TABLES: ReadonlyArray<[RuntimeRows, string]> = [
  ['variables', 'variable'], ['tasks', 'user_task'], ['incidents', 'incident'], ['jobs', 'job'], ['externalTasks', 'external_task'], ['eventSubscriptions', 'event_subscription'],
];

const JOB_COLUMNS = ['due_at', 'retries', 'priority', 'suspended', 'lock_owner', 'lock_expires_at', 'exception_message', 'exception_stacktrace'];

/** Channels to NOTIFY after a command (delivered at COMMIT, deduplicated by Postgres). */
export function notifications(c: ChangeSet): string[] {
  const out: string[] = [];
  // Any new or changed job may be due now; executors re-check and compute their next wake-up.
  if (c.jobs.inserted.size || c.jobs.updated.size) out.push('baton_job');
  if (c.externalTasks.inserted.size || c.externalTasks.updated.size) out.push('baton_external_task');
  return out;
}

function history(out: BatchStatement[], c: ChangeSet): void {
  const h = c.history;
  if (h.processInstanceInserts.length) out.push(insert('history_process_instance', h.processInstanceInserts.map(toRow)));
  if (h.processInstanceUpdates.length) {
    out.push(...update('history_process_instance', h.processInstanceUpdates.map(toRow), ['end_time', 'state', 'end_activity_id', 'delete_reason']));
  }
  if (h.activityInserts.length) out.push(insert('history_activity_instance', h.activityInserts.map(toRow)));
  if (h.activityUpdates.length) out.push(...update('history_activity_instance', h.activityUpdates.map(toRow), ['end_time', 'canceled']));
  if (h.taskInserts.length) out.push(insert('history_task', h.taskInserts.map(toRow)));
  if (h.taskUpdates.length) {
    out.push(...update('history_task', h.taskUpdates.map(toRow), ['name', 'description', 'assignee', 'owner', 'end_time', 'due', 'follow_up', 'priority', 'delete_reason']));
  }
  if (h.variableUpserts.length) {
    // The same variable may be written twice in one command; keep the last value only.
    const latest = [...new Map(h.variableUpserts.map((v) => [v.id, v])).values()];
    // A variable this command created has no history row yet: a plain INSERT, without ON
    // CONFLICT's speculative insertion (one more index probe and WAL record per row).
    const created = latest.filter((v) => c.variables.inserted.has(v.id));
    const changed = latest.filter((v) => !c.variables.inserted.has(v.id));
    if (created.length) out.push(insert('history_variable', created.map(variableRow)));
    if (changed.length) {
      out.push(rowsStatement(
        `INSERT INTO history_variable SELECT * FROM jsonb_populate_recordset(NULL::history_variable, $1::jsonb)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, value = excluded.value, state = excluded.state`,
        changed.map(variableRow),
      ));
    }
  }
  if (h.variableUpdates.length) out.push(insert('history_variable_update', h.variableUpdates.map(variableRow)));
  if (c.userOperations?.length) out.push(insert('user_operation_log', c.userOperations.map(toRow)));
}

function table<T extends object>(out: BatchStatement[], name: string, changes: TableChanges<T>, columns: string[], row: (r: object) => Record<string, unknown> = toRow): void {
  for (const id of changes.deleted) out.push({ sql: text(`delete:${name}`, () => `DELETE FROM ${name} WHERE id = $1`), params: [id] });
  if (changes.inserted.size) out.push(insert(name, [...changes.inserted.values()].map(row)));
  if (changes.updated.size && columns.length) out.push(...update(name, [...changes.updated.values()].map(row), columns));
}

function insert(name: string, rows: unknown[]): BatchStatement {
  const sql = text(`insert:${name}`, () => `INSERT INTO ${name} SELECT * FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)`);
  return rowsStatement(sql, rows, INSERT_ORDER.indexOf(name));
}

/**
 * The order in which flushStatements inserts into tables (a parent's rows before rows that
 * refer to them). Group commit merges the inserts of several commands into one statement per
 * table by following it.
 */
const INSERT_ORDER = [
  'process_instance', 'variable', 'user_task', 'incident', 'job', 'external_task', 'event_subscription',
  'history_process_instance', 'history_activity_instance', 'history_task', 'history_variable', 'history_variable_update',
  'user_operation_log',
];

/** One UPDATE per row: the row as jsonb ($1, typed by jsonb_populate_record) and its id ($2). */
function update(name: string, rows: Array<Record<string, unknown>>, columns: string[]): BatchStatement[] {
  const sql = text(`update:${name}:${columns.join()}`, () => {
    const set = columns.map((c) => `${c} = r.${c}`).join(', ');
    return `UPDATE ${name} t SET ${set} FROM jsonb_populate_record(NULL::${name}, $1::jsonb) r WHERE t.id = $2`;
  });
  return rows.map((row) => ({ sql, params: [JSON.stringify(row), String(row.id)] }));
}

/**
 * One string object per statement text. Why: the batch looks each text up by value to find its
 * prepared statement; a text built anew for every flush is hashed (and flattened) anew, a
 * cached one only once.
 */
const texts = new Map<string, string>();
function text(key: string, build: () => string): string {
  let sql = texts.get(key);
  if (sql === undefined) texts.set(key, (sql = build()));
  return sql;
}
