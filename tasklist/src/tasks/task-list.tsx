/**
 * One page of tasks: search, sort, paging, and rows linking to the task. Rows show name,
 * process, business key, created/due dates, priority and assignee.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { TaskListItemDto, TaskListPageDto, TaskSortBy } from '@baton/api/client';
import { navigate } from '../router';
import { formatDateTime, isOverdue } from '../ui/format';
import { Link } from '../ui/link';
import { listQuery, PAGE_SIZE, SORT_LABELS, type ListState } from './list-state';

/** Props of the task list. */
export interface TaskListProps {
  readonly state: ListState;
  readonly title: string;
  readonly page: TaskListPageDto | null;
  readonly error: string | null;
  readonly selectedId: string | null;
}

function priorityLabel(p: number): string {
  return p >= 75 ? 'high' : p <= 25 ? 'low' : 'normal';
}

function TaskRow({ task, state, selected }: { task: TaskListItemDto; state: ListState; selected: boolean }) {
  const overdue = isOverdue(task.due);
  return (
    <li className={`task-row${selected ? ' selected' : ''}`}>
      <Link to={`/task/${encodeURIComponent(task.id)}${listQuery(state)}`} aria-current={selected ? 'true' : undefined} className="task-link">
        <span className="task-name">{task.name ?? task.taskDefinitionKey}</span>
        <span className="task-process">
          {task.processDefinitionName ?? task.processDefinitionKey}
          {task.businessKey && <span className="business-key"> · {task.businessKey}</span>}
        </span>
        <span className="task-meta">
          <span title="Created">Created {formatDateTime(task.created)}</span>
          {task.due && <span className={overdue ? 'overdue' : undefined}>Due {formatDateTime(task.due)}{overdue ? ' (overdue)' : ''}</span>}
          <span className={`priority priority-${priorityLabel(task.priority)}`}>Priority {task.priority}</span>
          <span>{task.assignee ? `Assigned to ${task.assignee}` : task.candidateGroups.length ? `Group: ${task.candidateGroups.join(', ')}` : 'Unassigned'}</span>
        </span>
      </Link>
    </li>
  );
}

/** The list with its controls. */
export function TaskList({ state, title, page, error, selectedId }: TaskListProps) {
  const [search, setSearch] = useState(state.search);
  useEffect(() => setSearch(state.search), [state.search]);
  const go = (patch: Partial<ListState>) => navigate(`/${listQuery({ ...state, ...patch })}`, true);
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    go({ search: search.trim(), page: 1 });
  };
  const pages = page ? Math.max(1, Math.ceil(page.count / PAGE_SIZE)) : 1;

  return (
    <section className="task-list" aria-labelledby="list-title">
      <div className="list-header">
        <h1 id="list-title">{title}</h1>
        {page && <span className="muted" aria-live="polite">{page.count} {page.count === 1 ? 'task' : 'tasks'}</span>}
      </div>
      <form role="search" className="list-controls" onSubmit={onSearch}>
        <label htmlFor="task-search" className="visually-hidden">Search tasks by name, process or business key</label>
        <input id="task-search" type="search" placeholder="Search name, process, business key" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="submit">Search</button>
        <label htmlFor="task-sort">Sort by</label>
        <select id="task-sort" value={state.sortBy} onChange={(e) => go({ sortBy: e.target.value as TaskSortBy, page: 1 })}>
          {(Object.keys(SORT_LABELS) as TaskSortBy[]).map((s) => <option key={s} value={s}>{SORT_LABELS[s]}</option>)}
        </select>
        <button type="button" onClick={() => go({ sortOrder: state.sortOrder === 'asc' ? 'desc' : 'asc', page: 1 })} aria-label={`Sort order: ${state.sortOrder === 'asc' ? 'ascending' : 'descending'}; switch`}>
          {state.sortOrder === 'asc' ? '↑ Asc' : '↓ Desc'}
        </button>
      </form>
      {error && <p className="field-error" role="alert">{error}</p>}
      {!page && !error && <p className="muted" role="status">Loading tasks…</p>}
      {page && page.items.length === 0 && <p className="empty" role="status">No tasks here.</p>}
      {page && page.items.length > 0 && (
        <ul className="task-rows" aria-label={`${title}, page ${state.page} of ${pages}`}>
          {page.items.map((t) => <TaskRow key={t.id} task={t} state={state} selected={t.id === selectedId} />)}
        </ul>
      )}
      {page && pages > 1 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={state.page <= 1} onClick={() => go({ page: state.page - 1 })}>Previous</button>
          <span>Page {state.page} of {pages}</span>
          <button type="button" disabled={state.page >= pages} onClick={() => go({ page: state.page + 1 })}>Next</button>
        </nav>
      )}
    </section>
  );
}
