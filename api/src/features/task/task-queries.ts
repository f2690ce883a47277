/**
 * The task query behind GET/POST /task and /task/count: Camunda's filters translated into
 * bind-parameter SQL over user_task (indexed on instance, assignee, created, and GIN on the
 * candidate arrays). Query input never becomes an expression or SQL text.
 */
import { fromRow, DATE_FIELDS } from '@baton/engine/postgres';
import type { TaskRecord } from '@baton/engine';
import type { Pool } from 'pg';
import { bool, date, int, list, sort, str, type Page } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { addVariableConditions, parseVariableConditions } from '../../http/variable-filter';

/** Sort keys of task queries (Camunda's sortBy) and their SQL. */
export const TASK_SORT = {
  id: 'id', name: 'name', nameCaseInsensitive: 'lower(name)', assignee: 'assignee', created: 'created', dueDate: 'due',
  followUpDate: 'follow_up', priority: 'priority', instanceId: 'process_instance_id', processInstanceId: 'process_instance_id',
  description: 'description', executionId: 'token_id',
};

/** Query context resolved by the route: the candidate user's groups, the caller's visibility rule. */
export interface TaskQueryScope {
  /** Groups of the `candidateUser` parameter's user (Camunda matches their group tasks too). */
  readonly candidateUserGroups?: readonly string[];
  /** Adds the caller's visibility condition. */
  readonly restrict: (f: SqlFilter) => void;
}

const CANDIDATE_FLAGS = ['withCandidateGroups', 'withoutCandidateGroups', 'withCandidateUsers', 'withoutCandidateUsers'] as const;

/** Columns whose equality filters leave a task query prepared (see SqlFilter): each selects a few rows through its index. */
const TASK_KEYS: ReadonlySet<string> = new Set(['id', 'process_instance_id']);

/** Builds the WHERE clause of a task query from Camunda's parameters. */
export function taskFilter(q: Record<string, unknown>, scope: TaskQueryScope): SqlFilter {
  const groups = list(q, 'candidateGroups');
  const candidateUser = str(q, 'candidateUser');
  const f = new SqlFilter(TASK_KEYS)
    .add('id = ?', str(q, 'taskId'))
    .add('id = ANY(?)', list(q, 'taskIdIn'))
    .add('process_instance_id = ?', str(q, 'processInstanceId'))
    .add('process_instance_id = ANY(?)', list(q, 'processInstanceIdIn'))
    .add('business_key = ?', str(q, 'processInstanceBusinessKey'))
    .add('business_key LIKE ?', str(q, 'processInstanceBusinessKeyLike'))
    .add('definition_key = ?', str(q, 'processDefinitionKey'))
    .add('definition_key = ANY(?)', list(q, 'processDefinitionKeyIn'))
    .add('definition_id = ?', str(q, 'processDefinitionId'))
    .add('task_definition_key = ?', str(q, 'taskDefinitionKey'))
    .add('task_definition_key = ANY(?)', list(q, 'taskDefinitionKeyIn'))
    .add('task_definition_key LIKE ?', str(q, 'taskDefinitionKeyLike'))
    .add('name = ?', str(q, 'name'))
    .add('name ILIKE ?', str(q, 'nameLike'))
    .add('description ILIKE ?', str(q, 'descriptionLike'))
    .add('assignee = ?', str(q, 'assignee'))
    .add('assignee LIKE ?', str(q, 'assigneeLike'))
    .add('assignee = ANY(?)', list(q, 'assigneeIn'))
    .add('owner = ?', str(q, 'owner'))
    .when(bool(q, 'unassigned'), 'assignee IS NULL')
    .when(bool(q, 'assigned'), 'assignee IS NOT NULL')
    .add('candidate_groups @> ARRAY[?::text]', str(q, 'candidateGroup'))
    .add('candidate_groups && ?::text[]', groups)
    .when(bool(q, 'withCandidateGroups'), `candidate_groups <> '{}'`)
    .when(bool(q, 'withoutCandidateGroups'), `candidate_groups = '{}'`)
    .when(bool(q, 'withCandidateUsers'), `candidate_users <> '{}'`)
    .when(bool(q, 'withoutCandidateUsers'), `candidate_users = '{}'`)
    .add('priority = ?', int(q, 'priority'))
    .add('priority >= ?', int(q, 'minPriority'))
    .add('priority <= ?', int(q, 'maxPriority'))
    .add('due < ?', date(q, 'dueBefore'))
    .add('due > ?', date(q, 'dueAfter'))
    .add('follow_up < ?', date(q, 'followUpBefore'))
    .add('follow_up > ?', date(q, 'followUpAfter'))
    .add('created < ?', date(q, 'createdBefore'))
    .add('created > ?', date(q, 'createdAfter'))
    .when(bool(q, 'active'), 'NOT suspended')
    .when(bool(q, 'suspended'), 'suspended');
  if (candidateUser !== undefined) {
    f.addAll('(candidate_users @> ARRAY[?::text] OR candidate_groups && ?::text[])', [candidateUser, [...(scope.candidateUserGroups ?? [])]]);
  }
  // Camunda 7 leaves assigned tasks out of a query by candidates unless includeAssignedTasks:
  // a candidate is someone who could claim the task.
  const byCandidates = candidateUser !== undefined || str(q, 'candidateGroup') !== undefined || groups !== undefined || CANDIDATE_FLAGS.some((k) => bool(q, k));
  if (byCandidates && !bool(q, 'includeAssignedTasks')) f.when(true, 'assignee IS NULL');
  addVariableConditions(f, parseVariableConditions('processVariables', q.processVariables), 'v.process_instance_id = user_task.process_instance_id');
  addVariableConditions(f, parseVariableConditions('taskVariables', q.taskVariables), 'v.scope_id = user_task.id');
  scope.restrict(f);
  return f;
}

/** One page of tasks. */
export async function queryTasks(pool: Pool, q: Record<string, unknown>, p: Page, scope: TaskQueryScope): Promise<TaskRecord[]> {
  const f = taskFilter(q, scope);
  const order = sort(q, TASK_SORT, 'created, id');
  return (await f.page(pool, 'user_task', order, p)).map((row) => fromRow<TaskRecord>(row, DATE_FIELDS.task));
}

/** Number of matching tasks. */
export async function countTasks(pool: Pool, q: Record<string, unknown>, scope: TaskQueryScope): Promise<number> {
  return taskFilter(q, scope).count(pool, 'user_task');
}
