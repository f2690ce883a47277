/**
 * Task list queries of the tasklist and of saved filters: Camunda's task query parameters
 * (the task feature's filter), restricted to what the user may see, with a free-text search
 * over task name, process (key or name) and business key, sorting and paging. Each sort
 * order has an index, so first pages stay fast with 100,000 open tasks.
 */
import type { Request } from 'express';
import type { TaskRecord } from '@baton/engine';
import { taskFromRow } from '@baton/engine/postgres';
import { restrictTasks } from '../../auth/guards';
import type { ApiContext } from '../../http/context';
import { sort, str, type Page } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { pageOfTasks, TASK_SORT, taskFilter, type TaskQueryScope } from '../task/task-queries';
import { taskDto } from '../task/task-dto';

/** The list's columns: the task and its process definition's name. */
export const TASK_LIST_COLUMNS = 't.*, (SELECT pd.name FROM process_definition pd WHERE pd.id = t.definition_id) AS process_definition_name';

/** A task list row: Camunda's TaskDto plus what the list shows (process name, candidates). */
export type TaskListItem = ReturnType<typeof taskDto> & {
  processDefinitionName: string | null;
  processDefinitionKey: string;
  businessKey: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The task query's scope for a list: the groups of its candidate user, and `restrict`. */
async function scopeOf(ctx: ApiContext, q: Record<string, unknown>, restrict: TaskQueryScope['restrict']): Promise<TaskQueryScope> {
  const candidateUser = str(q, 'candidateUser');
  return { candidateUserGroups: candidateUser ? await ctx.identity.groupsOf(candidateUser) : [], restrict };
}

/** The WHERE clause: query parameters + visibility + search. */
export async function listFilter(ctx: ApiContext, req: Request, q: Record<string, unknown>, search?: string): Promise<SqlFilter> {
  const f = taskFilter(q, await scopeOf(ctx, q, (filter) => restrictTasks(req, filter)));
  const term = search?.trim();
  if (term) {
    const like = `%${escapeLike(term)}%`;
    f.addAll(
      '(name ILIKE ? OR business_key ILIKE ? OR definition_key ILIKE ? OR definition_id IN (SELECT pd.id FROM process_definition pd WHERE pd.name ILIKE ?))',
      [like, like, like, like],
    );
  }
  return f;
}

/** One page of visible tasks with list extras. */
export async function listTasks(ctx: ApiContext, req: Request, q: Record<string, unknown>, p: Page, search?: string): Promise<TaskListItem[]> {
  const f = await listFilter(ctx, req, q, search);
  const order = sort(q, TASK_SORT, 'created DESC, id');
  const rows = await pageOfTasks(ctx.store.pool, f, 't', order, p, TASK_LIST_COLUMNS);
  return rows.map((row) => {
    const t = taskFromRow(row) as TaskRecord & { processDefinitionName: string | null };
    return {
      ...taskDto(t), processDefinitionName: t.processDefinitionName, processDefinitionKey: t.definitionKey,
      businessKey: t.businessKey, candidateGroups: t.candidateGroups, candidateUsers: t.candidateUsers,
    };
  });
}

/** Number of visible tasks matching. */
export async function countListTasks(ctx: ApiContext, req: Request, q: Record<string, unknown>, search?: string): Promise<number> {
  const f = await listFilter(ctx, req, q, search);
  return f.count(ctx.store.pool, 'user_task');
}

/**
 * Numbers of visible tasks matching each of several queries (the tasklist's badges, saved
 * filters' item counts), in one pass over the tasks the user may see instead of one per query.
 */
export async function countEachList(ctx: ApiContext, req: Request, queries: Record<string, Record<string, unknown>>): Promise<Record<string, number>> {
  const visible = new SqlFilter();
  restrictTasks(req, visible);
  const branches: Record<string, SqlFilter> = {};
  // The visibility condition is the shared WHERE; each list adds only its own conditions.
  for (const [name, q] of Object.entries(queries)) branches[name] = taskFilter(q, await scopeOf(ctx, q, () => undefined));
  return visible.countEach(ctx.store.pool, 'user_task', branches);
}
