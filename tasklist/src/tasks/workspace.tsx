/**
 * The workspace: list navigation, the task list and (when a task is open) the task. Lists,
 * counts and filters reload when the route or the live change version moves, so new tasks
 * appear and completed ones disappear without a reload.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FilterDto, ListCountsDto, SessionDto, TaskListPageDto } from '@baton/api/client';
import { useApi } from '../api-context';
import { FilterEditor } from '../filters/filter-editor';
import type { Route } from '../router';
import { TaskPage } from '../task/task-page';
import { errorText } from '../ui/notice';
import { ListNav } from './list-nav';
import { LIST_LABELS, PAGE_SIZE, parseListState } from './list-state';
import { TaskList } from './task-list';

/** Props of the workspace. */
export interface WorkspaceProps {
  readonly session: SessionDto;
  readonly route: Route;
  readonly version: string | null;
}

/** Lists + task. */
export function Workspace({ session, route, version }: WorkspaceProps) {
  const api = useApi();
  const state = parseListState(route.query);
  const taskMatch = /^\/task\/([^/]+)$/.exec(route.path);
  const taskId = taskMatch ? decodeURIComponent(taskMatch[1]!) : null;
  const [page, setPage] = useState<TaskListPageDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<ListCountsDto | null>(null);
  const [filters, setFilters] = useState<FilterDto[]>([]);
  const [editing, setEditing] = useState<FilterDto | 'new' | null>(null);
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const { list, filterId, search, sortBy, sortOrder, page: pageNo } = state;
  useEffect(() => {
    let live = true;
    api
      .tasks({ ...(filterId ? { filterId } : { list }), search: search || undefined, sortBy, sortOrder, firstResult: (pageNo - 1) * PAGE_SIZE, maxResults: PAGE_SIZE })
      .then((p) => live && (setPage(p), setError(null)), (err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [api, list, filterId, search, sortBy, sortOrder, pageNo, version, reloads]);

  useEffect(() => {
    api.listCounts().then(setCounts, () => undefined);
    api.filters().then(setFilters, () => undefined);
  }, [api, version, reloads]);

  const filter = filterId ? filters.find((f) => f.id === filterId) : undefined;
  const title = filterId ? (filter?.name ?? 'Filter') : LIST_LABELS[list];

  return (
    <div className={`workspace${taskId ? ' has-task' : ''}`}>
      <ListNav state={state} counts={counts} filters={filters} userId={session.userId} onNewFilter={() => setEditing('new')} onEditFilter={setEditing} />
      <TaskList state={state} title={title} page={page} error={error} selectedId={taskId} />
      {taskId && <TaskPage key={taskId} taskId={taskId} session={session} version={version} onChanged={reload} backTo={route.query} />}
      {editing && (
        <FilterEditor
          filter={editing === 'new' ? null : editing}
          session={session}
          onClose={(changed) => {
            setEditing(null);
            if (changed) reload();
          }}
        />
      )}
    </div>
  );
}
