/**
 * History: process instances, activity instances, tasks and variables (Camunda 7 shapes),
 * each with filters, paging and counts.
 */
import { Router, type Request } from 'express';
import { restrictByDefinitionKey } from '../../auth/guards';
import { logUserOperation, NotFoundError, type UserOperationLogRecord } from '@baton/engine';
import type { HistoricActivityInstanceRecord, HistoricProcessInstanceRecord, HistoricTaskRecord, HistoricVariableRecord } from '@baton/engine';
import { DATE_FIELDS, deleteInstanceHistory, fromRow } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { sendJson, sendNoContent } from '../../http/json';
import { HttpError } from '../../http/error-mapping';
import { bodyOverQuery, bool, date, int, list, page, sort, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { addVariableConditions, parseVariableConditions } from '../../http/variable-filter';
import { historicActivityDto, historicProcessDto, historicTaskDto, historicVariableDto } from './history-dto';

type Q = Record<string, unknown>;

/** One history resource: its table, filters, sort columns, row mapper. */
interface HistoryResource {
  readonly path: string;
  readonly table: string;
  readonly filter: (q: Q) => SqlFilter;
  readonly sort: Record<string, string>;
  readonly defaultSort: string;
  readonly dto: (row: Record<string, unknown>) => unknown;
  /** SQL expression of the row's process definition key, for the READ_HISTORY rule. */
  readonly keyColumn: string;
  /** The select list when the table lacks a column its DTO shows (default `*`). */
  readonly columns?: string;
}

/** The definition key of a historic activity row, and the definition of a historic variable's instance. */
const ACTIVITY_KEY = '(SELECT d.key FROM process_definition d WHERE d.id = history_activity_instance.definition_id)';
const VARIABLE_INSTANCE = (column: string) => `(SELECT h.${column} FROM history_process_instance h WHERE h.id = history_variable.process_instance_id)`;

/** A lookup by id finds the row whatever its state (a deleted variable's history included). */
const BY_ID: Q = { includeDeleted: 'true' };

/** `convert(value)` when the parameter was given. */
function optional<T, R>(value: T | undefined, convert: (v: T) => R): R | undefined {
  return value === undefined ? undefined : convert(value);
}

const resources: HistoryResource[] = [
  {
    path: 'process-instance',
    table: 'history_process_instance',
    filter: (q) => {
      const f = new SqlFilter()
        .add('id = ?', str(q, 'processInstanceId'))
        .add('id = ANY(?)', list(q, 'processInstanceIds'))
        .add('business_key = ?', str(q, 'processInstanceBusinessKey'))
        .add('business_key LIKE ?', str(q, 'processInstanceBusinessKeyLike'))
        .add('definition_id = ?', str(q, 'processDefinitionId'))
        .add('definition_key = ?', str(q, 'processDefinitionKey'))
        .add('definition_key = ANY(?)', list(q, 'processDefinitionKeyIn'))
        .add('NOT (definition_key = ANY(?))', list(q, 'processDefinitionKeyNotIn'))
        .when(bool(q, 'externallyTerminated'), `state = 'EXTERNALLY_TERMINATED'`)
        .when(bool(q, 'internallyTerminated'), `state = 'INTERNALLY_TERMINATED'`)
        .add('super_instance_id = ?', str(q, 'superProcessInstanceId'))
        .add('id = (SELECT s.super_instance_id FROM history_process_instance s WHERE s.id = ?)', str(q, 'subProcessInstanceId'))
        .when(bool(q, 'rootProcessInstances'), 'super_instance_id IS NULL')
        .add('state = ?', str(q, 'state'))
        .when(bool(q, 'finished'), 'end_time IS NOT NULL')
        .when(bool(q, 'unfinished'), 'end_time IS NULL')
        .when(bool(q, 'completed'), `state = 'COMPLETED'`)
        .when(bool(q, 'active'), `state = 'ACTIVE'`)
        .add('start_user_id = ?', str(q, 'startedBy'))
        .add('start_time < ?', date(q, 'startedBefore'))
        .add('start_time > ?', date(q, 'startedAfter'))
        .add('end_time < ?', date(q, 'finishedBefore'))
        .add('end_time > ?', date(q, 'finishedAfter'));
      // Camunda's `variables`: the instance's own (global) variables, as history last saw them.
      addVariableConditions(f, parseVariableConditions('variables', q.variables), `v.scope_id = history_process_instance.id AND v.state <> 'DELETED'`, 'history_variable');
      return f;
    },
    sort: { instanceId: 'id', definitionKey: 'definition_key', definitionId: 'definition_id', businessKey: 'business_key', startTime: 'start_time', endTime: 'end_time', duration: 'end_time - start_time' },
    defaultSort: 'start_time, id',
    keyColumn: 'definition_key',
    dto: (row) => historicProcessDto(fromRow<HistoricProcessInstanceRecord>(row, DATE_FIELDS.historicProcess)),
  },
  {
    path: 'activity-instance',
    table: 'history_activity_instance',
    filter: (q) =>
      new SqlFilter()
        .add('id = ?', str(q, 'activityInstanceId'))
        .add('process_instance_id = ?', str(q, 'processInstanceId'))
        .add('definition_id = ?', str(q, 'processDefinitionId'))
        .add('activity_id = ?', str(q, 'activityId'))
        .add('activity_type = ?', str(q, 'activityType'))
        .add('activity_name = ?', str(q, 'activityName'))
        .add('task_id = ?', str(q, 'taskId'))
        .add('task_id IN (SELECT t.id FROM history_task t WHERE t.assignee = ?)', str(q, 'taskAssignee'))
        .add('start_time < ?', date(q, 'startedBefore'))
        .add('start_time > ?', date(q, 'startedAfter'))
        .add('end_time < ?', date(q, 'finishedBefore'))
        .add('end_time > ?', date(q, 'finishedAfter'))
        .when(bool(q, 'finished'), 'end_time IS NOT NULL')
        .when(bool(q, 'unfinished'), 'end_time IS NULL')
        .when(bool(q, 'canceled'), 'canceled'),
    sort: { activityInstanceId: 'id', instanceId: 'process_instance_id', activityId: 'activity_id', activityName: 'activity_name', activityType: 'activity_type', startTime: 'start_time', endTime: 'end_time', occurrence: 'sequence' },
    defaultSort: 'process_instance_id, sequence',
    keyColumn: ACTIVITY_KEY,
    columns: `*, ${ACTIVITY_KEY} AS definition_key`,
    dto: (row) => historicActivityDto(fromRow<HistoricActivityInstanceRecord>(row, DATE_FIELDS.historicActivity), (row.definition_key as string | null) ?? null),
  },
  {
    path: 'task',
    table: 'history_task',
    filter: (q) =>
      new SqlFilter()
        .add('id = ?', str(q, 'taskId'))
        .add('process_instance_id = ?', str(q, 'processInstanceId'))
        .add('definition_key = ?', str(q, 'processDefinitionKey'))
        .add('definition_id = ?', str(q, 'processDefinitionId'))
        .add('task_definition_key = ?', str(q, 'taskDefinitionKey'))
        .add('assignee = ?', str(q, 'taskAssignee'))
        .add('name = ?', str(q, 'taskName'))
        .add('name ILIKE ?', str(q, 'taskNameLike'))
        .add('assignee LIKE ?', str(q, 'taskAssigneeLike'))
        .add('owner = ?', str(q, 'taskOwner'))
        .add('owner LIKE ?', str(q, 'taskOwnerLike'))
        .add('priority = ?', int(q, 'taskPriority'))
        .add('delete_reason = ?', str(q, 'taskDeleteReason'))
        .add('? IN (assignee, owner)', str(q, 'taskInvolvedUser'))
        .add('start_time < ?', date(q, 'startedBefore'))
        .add('start_time > ?', date(q, 'startedAfter'))
        .add('end_time < ?', date(q, 'finishedBefore'))
        .add('end_time > ?', date(q, 'finishedAfter'))
        .add('due < ?', date(q, 'taskDueDateBefore'))
        .add('due > ?', date(q, 'taskDueDateAfter'))
        .when(bool(q, 'finished'), 'end_time IS NOT NULL')
        .when(bool(q, 'unfinished'), 'end_time IS NULL'),
    sort: { taskId: 'id', instanceId: 'process_instance_id', taskName: 'name', assignee: 'assignee', startTime: 'start_time', endTime: 'end_time', priority: 'priority', dueDate: 'due' },
    defaultSort: 'start_time, id',
    keyColumn: 'definition_key',
    dto: (row) => historicTaskDto(fromRow<HistoricTaskRecord>(row, DATE_FIELDS.historicTask)),
  },
  {
    path: 'variable-instance',
    table: 'history_variable',
    filter: (q) =>
      new SqlFilter()
        .add('process_instance_id = ?', str(q, 'processInstanceId'))
        .add('process_instance_id = ANY(?)', list(q, 'processInstanceIdIn'))
        .add('name = ?', str(q, 'variableName'))
        .add('name LIKE ?', str(q, 'variableNameLike'))
        // Camunda treats variableValue as a string.
        .add('value = ?::jsonb', optional(str(q, 'variableValue'), (v) => JSON.stringify(v)))
        .add('lower(type) = ANY(?)', optional(list(q, 'variableTypeIn'), (types) => types.map((t) => t.toLowerCase())))
        .add('scope_id = ANY(?)', list(q, 'taskIdIn'))
        .add('scope_id = ANY(?)', list(q, 'activityInstanceIdIn'))
        .add('scope_id = ANY(?)', list(q, 'executionIdIn'))
        .add('process_instance_id IN (SELECT h.id FROM history_process_instance h WHERE h.definition_id = ?)', str(q, 'processDefinitionId'))
        .add('process_instance_id IN (SELECT h.id FROM history_process_instance h WHERE h.definition_key = ?)', str(q, 'processDefinitionKey'))
        // As Camunda: variables deleted during the execution only with includeDeleted.
        .when(!bool(q, 'includeDeleted'), `state <> 'DELETED'`),
    sort: { instanceId: 'process_instance_id', variableName: 'name' },
    defaultSort: 'create_time, id',
    keyColumn: VARIABLE_INSTANCE('definition_key'),
    columns: `*, ${VARIABLE_INSTANCE('definition_key')} AS definition_key, ${VARIABLE_INSTANCE('definition_id')} AS definition_id`,
    dto: (row) => historicVariableDto(fromRow<HistoricVariableRecord>(row, DATE_FIELDS.historicVariable), {
      key: (row.definition_key as string | null) ?? null, id: (row.definition_id as string | null) ?? null,
    }),
  },
];

/** History routes. */
export function historyRoutes(ctx: ApiContext): Router {
  const r = Router();
  for (const res of resources) {
    const restricted = (req: Request, q: Q) => {
      const f = res.filter(q);
      restrictByDefinitionKey(req, f, 'READ_HISTORY', res.keyColumn);
      return f;
    };
    const list = async (req: Request, q: Q) => {
      const f = restricted(req, q);
      const p = page(q, ctx.config.maxResults);
      const order = sort(q, res.sort, res.defaultSort);
      return (await f.page(ctx.store.pool, res.table, order, p, res.columns)).map(res.dto);
    };
    const count = async (req: Request, q: Q) => {
      const f = restricted(req, q);
      return f.count(ctx.store.pool, res.table);
    };
    r.get(`/history/${res.path}`, async (req, resp) => sendJson(resp, await list(req, req.query)));
    r.post(`/history/${res.path}`, async (req, resp) => sendJson(resp, await list(req, bodyOverQuery(req))));
    r.get(`/history/${res.path}/count`, async (req, resp) => sendJson(resp, { count: await count(req, req.query) }));
    r.post(`/history/${res.path}/count`, async (req, resp) => sendJson(resp, { count: await count(req, req.body as Q) }));
    r.get(`/history/${res.path}/:id`, async (req, resp) => {
      const f = restricted(req, BY_ID).add('id = ?', req.params.id);
      const rows = await ctx.store.pool.query(`SELECT ${res.columns ?? '*'} FROM ${res.table} ${f.where}`, f.params);
      if (!rows.rows[0]) throw new NotFoundError(`Historic ${res.path.replace('-', ' ')} with id '${req.params.id}' does not exist`);
      sendJson(resp, res.dto(rows.rows[0]));
    });
  }
  r.delete('/history/process-instance/:id', async (req, resp) => {
    const f = restrictedProcessHistory(req, req.params.id);
    const row = (await ctx.store.pool.query(`SELECT id, end_time, definition_id, definition_key FROM history_process_instance ${f.where}`, f.params)).rows[0] as
      | { end_time: Date | null; definition_id: string; definition_key: string }
      | undefined;
    if (!row) throw new NotFoundError(`No historic process instance found with id: ${req.params.id}`);
    if (row.end_time === null) throw new HttpError(400, 'InvalidRequestException', `Process instance ${req.params.id} is still running; delete or cancel it first`);
    const log: UserOperationLogRecord[] = [];
    const facts = { operationType: 'DeleteHistory', entityType: 'ProcessInstance', category: 'Operator', processInstanceId: req.params.id, processDefinitionId: row.definition_id, processDefinitionKey: row.definition_key } as const;
    logUserOperation(log, facts, [{ property: 'nrOfInstances', newValue: 1 }, { property: 'async', newValue: false }], new Date());
    await deleteInstanceHistory(ctx.store.pool, req.params.id, log);
    sendNoContent(resp);
  });
  return r;
}

function restrictedProcessHistory(req: Request, id: string): SqlFilter {
  const f = new SqlFilter().add('id = ?', id);
  restrictByDefinitionKey(req, f, 'DELETE_HISTORY');
  return f;
}
