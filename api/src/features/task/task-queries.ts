/**
 * The task query behind GET/POST /task and /task/count: Camunda's filters translated into
 * bind-parameter SQL over user_task (indexed on instance, assignee, created, and GIN on the
 * candidate arrays). Query input never becomes an expression or SQL text.
 */
import { taskFromRow } from '@baton/engine/postgres';
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
    .add('business_key = ANY(?)', list(q, 'processInstanceBusinessKeyIn'))
    .add('token_id = ?', str(q, 'executionId'))
    .add('activity_instance_id = ANY(?)', list(q, 'activityInstanceIdIn'))
    .add('definition_id IN (SELECT d.id FROM process_definition d WHERE d.name = ?)', str(q, 'processDefinitionName'))
    .add('definition_id IN (SELECT d.id FROM process_definition d WHERE d.name LIKE ?)', str(q, 'processDefinitionNameLike'))
    .add('definition_key = ?', str(q, 'processDefinitionKey'))
    .add('definition_key = ANY(?)', list(q, 'processDefinitionKeyIn'))
    .add('definition_id = ?', str(q, 'processDefinitionId'))
    .add('task_definition_key = ?', str(q, 'taskDefinitionKey'))
    .add('task_definition_key = ANY(?)', list(q, 'taskDefinitionKeyIn'))
    .add('task_definition_key LIKE ?', str(q, 'taskDefinitionKeyLike'))
    .add('name = ?', str(q, 'name'))
    .add('name ILIKE ?', str(q, 'nameLike'))
    .add('name <> ?', str(q, 'nameNotEqual'))
    .add('name NOT ILIKE ?', str(q, 'nameNotLike'))
    .add('description = ?', str(q, 'description'))
    .add('description ILIKE ?', str(q, 'descriptionLike'))
    .add('assignee = ?', str(q, 'assignee'))
    .add('assignee LIKE ?', str(q, 'assigneeLike'))
    .add('assignee = ANY(?)', list(q, 'assigneeIn'))
    .add('owner = ?', str(q, 'owner'))
    .add('delegation_state = ?', str(q, 'delegationState'))
    .when(bool(q, 'unassigned'), 'assignee IS NULL')
    .when(bool(q, 'assigned'), 'assignee IS NOT NULL')
    .add('candidate_groups @> ARRAY[?::text]', str(q, 'candidateGroup'))
    .add('candidate_groups && ?::text[]', groups)
    // No candidates is NULL, never '{}' (migration 0017's CHECK).
    .when(bool(q, 'withCandidateGroups'), 'candidate_groups IS NOT NULL')
    .when(bool(q, 'withoutCandidateGroups'), 'candidate_groups IS NULL')
    .when(bool(q, 'withCandidateUsers'), 'candidate_users IS NOT NULL')
    .when(bool(q, 'withoutCandidateUsers'), 'candidate_users IS NULL')
    .add('priority = ?', int(q, 'priority'))
    .add('priority >= ?', int(q, 'minPriority'))
    .add('priority <= ?', int(q, 'maxPriority'))
    .add('due = ?', date(q, 'dueDate'))
    .when(bool(q, 'withoutDueDate'), 'due IS NULL')
    .add('follow_up = ?', date(q, 'followUpDate'))
    .add('(follow_up IS NULL OR follow_up < ?)', date(q, 'followUpBeforeOrNotExistent'))
    .add('created = ?', date(q, 'createdOn'))
    .add('due < ?', date(q, 'dueBefore'))
    .add('due > ?', date(q, 'dueAfter'))
    .add('follow_up < ?', date(q, 'followUpBefore'))
    .add('follow_up > ?', date(q, 'followUpAfter'))
    .add('created < ?', date(q, 'createdBefore'))
    .add('created > ?', date(q, 'createdAfter'))
    .when(bool(q, 'active'), 'NOT suspended')
    .when(bool(q, 'suspended'), 'suspended');
  const involved = str(q, 'involvedUser');
  if (involved !== undefined) f.addAll('(assignee = ? OR owner = ? OR candidate_users @> ARRAY[?::text])', [involved, involved, involved]);
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
  return (await pageOfTasks(pool, f, 'user_task', order, p)).map(taskFromRow);
}

/**
 * Leading sort keys whose index walk yields the order as it is, or with few ties left to sort:
 * a window of the first rows costs what it reads. Not the others, e.g. `priority ASC`: most
 * tasks share one priority, and sorting that tie by id would read them all.
 */
const WALKABLE_SORTS = new Set(['created', 'created ASC', 'created DESC', 'due ASC', 'priority DESC', 'id ASC', 'id DESC', 'process_instance_id ASC', 'process_instance_id DESC']);

/**
 * A condition on a candidate array's elements (the visibility condition of every employee's
 * query, candidate filters): PostgreSQL estimates an element it has no statistics for at up to
 * 0.5 % of the table, e.g. a group whose queue is empty.
 */
const ELEMENT_CONDITION = /candidate_(users|groups) (@>|&&)/;

/** Rows a page looks through in order before it collects all matches: 40 per row up to the page's end (found within when ≥ 2.5 % match). */
const windowOf = (p: Page): number => Math.min(10_000, 40 * (p.offset + p.limit));

/**
 * One page of tasks of `f` in `order` from user_task as `alias`; through a window of the first
 * rows in order (SqlFilter.pageInWindow) when a candidate condition may mislead the planner
 * and the order has an index to walk. With 100,000 open tasks (EXPLAIN ANALYZE, alternating):
 * the first page of an employee whose group's queue is empty took 48–58 ms by the planner's
 * walk through all of them, 1.8–2.3 ms so. The price: where the planner would have chosen
 * right, the window is read in vain first (a newcomer who sees nothing: 0.2 → 2.3–2.6 ms).
 */
export async function pageOfTasks(pool: Pool, f: SqlFilter, alias: string, order: string, p: Page, columns = '*'): Promise<Record<string, unknown>[]> {
  const leading = order.split(',', 1)[0]!.trim();
  if (!WALKABLE_SORTS.has(leading) || !f.conditions.some((c) => ELEMENT_CONDITION.test(c))) {
    return f.page(pool, alias === 'user_task' ? 'user_task' : `user_task ${alias}`, order, p, columns);
  }
  return f.pageInWindow(pool, 'user_task', alias, order, p, windowOf(p), columns);
}

/** Number of matching tasks. */
export async function countTasks(pool: Pool, q: Record<string, unknown>, scope: TaskQueryScope): Promise<number> {
  return taskFilter(q, scope).count(pool, 'user_task');
}
