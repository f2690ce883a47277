/**
 * The task list view as URL query parameters: which list or filter, search text, sort and
 * page. Parsing never throws: unknown values fall back to defaults.
 */
import type { BuiltInList, TaskSortBy } from '@baton/api/client';

/** Rows per page. */
export const PAGE_SIZE = 25;

/** The state of the list view. */
export interface ListState {
  readonly list: BuiltInList;
  readonly filterId: string | null;
  readonly search: string;
  readonly sortBy: TaskSortBy;
  readonly sortOrder: 'asc' | 'desc';
  readonly page: number;
}

const LISTS: readonly BuiltInList[] = ['mine', 'group', 'unassigned', 'all'];
const SORTS: readonly TaskSortBy[] = ['created', 'dueDate', 'priority', 'name'];

/** Labels of the built-in lists. */
export const LIST_LABELS: Record<BuiltInList, string> = { mine: 'My tasks', group: 'My group tasks', unassigned: 'Unassigned', all: 'All tasks' };

/** Labels of the sort columns. */
export const SORT_LABELS: Record<TaskSortBy, string> = { created: 'Created', dueDate: 'Due date', priority: 'Priority', name: 'Name' };

/** Reads the state from the query string. */
export function parseListState(q: URLSearchParams): ListState {
  const list = q.get('list') as BuiltInList | null;
  const sortBy = q.get('sort') as TaskSortBy | null;
  const page = Number(q.get('page') ?? '1');
  return {
    list: list && LISTS.includes(list) ? list : 'mine',
    filterId: q.get('filter') || null,
    search: q.get('q') ?? '',
    sortBy: sortBy && SORTS.includes(sortBy) ? sortBy : 'created',
    sortOrder: q.get('order') === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** Writes the state as a query string (defaults left out). */
export function listQuery(s: ListState): string {
  const q = new URLSearchParams();
  if (s.filterId) q.set('filter', s.filterId);
  else if (s.list !== 'mine') q.set('list', s.list);
  if (s.search) q.set('q', s.search);
  if (s.sortBy !== 'created') q.set('sort', s.sortBy);
  if (s.sortOrder !== 'desc') q.set('order', s.sortOrder);
  if (s.page > 1) q.set('page', String(s.page));
  const text = q.toString();
  return text ? `?${text}` : '';
}
