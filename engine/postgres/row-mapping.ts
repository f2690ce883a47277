/**
 * Record ⇄ row conversion. Records are camelCase, columns snake_case; `instanceId` is stored
 * as `process_instance_id` everywhere. Rows from json_agg carry timestamps as strings, so
 * readers name the date fields to revive.
 */
import type { InstanceRecord, TaskRecord, VariableRecord } from '@baton/engine';

const COLUMN_OVERRIDES: Record<string, string> = { instanceId: 'process_instance_id' };
const FIELD_OVERRIDES: Record<string, string> = { process_instance_id: 'instanceId' };

// Key conversions are memoized: the same few dozen keys convert on every row of every command,
// and the regex replacements showed up as a sixth of the adapter's CPU in the benchmark profile.
const columnNames = new Map<string, string>();
const fieldNames = new Map<string, string>();

function columnOf(key: string): string {
  let c = columnNames.get(key);
  if (c === undefined) {
    c = COLUMN_OVERRIDES[key] ?? key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
    columnNames.set(key, c);
  }
  return c;
}

function fieldOf(column: string): string {
  let f = fieldNames.get(column);
  if (f === undefined) {
    f = FIELD_OVERRIDES[column] ?? column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
    fieldNames.set(column, f);
  }
  return f;
}

/** camelCase record → snake_case row (for jsonb_populate_recordset). */
export function toRow(record: object): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key in record) row[columnOf(key)] = (record as Record<string, unknown>)[key];
  return row;
}

/** snake_case row → camelCase record, reviving the named date fields. */
export function fromRow<T>(row: Record<string, unknown>, dateFields: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const key in row) out[fieldOf(key)] = row[key];
  for (const f of dateFields) {
    const v = out[f];
    if (typeof v === 'string') out[f] = new Date(v);
  }
  return out as T;
}

/** Instance record → row: tokens, scopes and the sequence counter live in the `state` jsonb. */
export function instanceToRow(i: InstanceRecord): Record<string, unknown> {
  const { tokens, scopes, nextSequence, callDepth, compensations, uncaughtError, ...rest } = i;
  const extra = { ...(callDepth ? { callDepth } : {}), ...(compensations?.length ? { compensations } : {}), ...(uncaughtError ? { uncaughtError } : {}) };
  return { ...toRow(rest), state: { tokens, scopes, nextSequence, ...extra } };
}

/** Row → instance record. */
export function instanceFromRow(row: Record<string, unknown>): InstanceRecord {
  type State = Pick<InstanceRecord, 'tokens' | 'scopes' | 'nextSequence' | 'callDepth' | 'compensations' | 'uncaughtError'>;
  const { state, ...rest } = row as { state: State };
  const base = fromRow<Omit<InstanceRecord, 'tokens' | 'scopes' | 'nextSequence' | 'callDepth'>>(rest, ['startTime']);
  const extra = {
    ...(state.callDepth ? { callDepth: state.callDepth } : {}),
    ...(state.compensations ? { compensations: state.compensations } : {}),
    ...(state.uncaughtError ? { uncaughtError: state.uncaughtError } : {}),
  };
  return { ...base, tokens: state.tokens, scopes: state.scopes, nextSequence: state.nextSequence, ...extra };
}

/**
 * Task record → row: no candidate users (groups) is stored as NULL, not '{}', so that the
 * planner's estimate of a candidate condition holds (migration 0017).
 */
export function taskToRow(task: object): Record<string, unknown> {
  const row = toRow(task);
  if (isEmptyArray(row.candidate_users)) row.candidate_users = null;
  if (isEmptyArray(row.candidate_groups)) row.candidate_groups = null;
  return row;
}

/** Row → task record; NULL candidate arrays become empty ones. */
export function taskFromRow(row: Record<string, unknown>): TaskRecord {
  const t = fromRow<TaskRecord>(row, DATE_FIELDS.task);
  t.candidateUsers ??= [];
  t.candidateGroups ??= [];
  return t;
}

const isEmptyArray = (v: unknown): boolean => Array.isArray(v) && v.length === 0;

/** Row → variable record; Date values are stored as ISO strings in jsonb. */
export function variableFromRow(row: Record<string, unknown>): VariableRecord {
  const v = fromRow<VariableRecord>(row);
  if (v.type === 'Date' && typeof v.value === 'string') v.value = new Date(v.value);
  return v;
}

/** Date fields per record kind, for rows read through json_agg or jsonb. */
export const DATE_FIELDS = {
  task: ['created', 'due', 'followUp'],
  incident: ['timestamp'],
  deployment: ['deploymentTime'],
  historicProcess: ['startTime', 'endTime'],
  historicActivity: ['startTime', 'endTime'],
  historicTask: ['startTime', 'endTime', 'due', 'followUp'],
  historicVariable: ['createTime'],
  job: ['dueAt', 'lockExpiresAt', 'created'],
  externalTask: ['lockExpiresAt', 'created'],
  eventSubscription: ['created'],
} as const;
