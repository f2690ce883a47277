/**
 * The task list and its navigation: rows with process, business key and dates, counts,
 * sort/search/paging changing the URL, and the workspace loading the chosen list.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../src/api-context';
import { listQuery, parseListState } from '../src/tasks/list-state';
import { TaskList } from '../src/tasks/task-list';
import { Workspace } from '../src/tasks/workspace';
import { JOHN, taskItem } from './fixtures';
import { stubApi } from './stub-api';

beforeEach(() => window.history.replaceState(null, '', '/'));

describe('TaskList', () => {
  it('shows one row per task with name, process, business key, due date and priority', () => {
    const items = [taskItem(), taskItem({ id: 'task-2', name: 'Check expense', processDefinitionName: 'Expense report', businessKey: null, priority: 80, due: '2020-01-01T00:00:00.000+0000', assignee: 'john' })];
    render(<TaskList state={parseListState(new URLSearchParams())} title="My tasks" page={{ items, count: 2 }} error={null} selectedId="task-2" />);
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Approve invoice')).toBeTruthy();
    expect(rows[0]!.textContent).toContain('Invoice approval · INV-1');
    expect(rows[0]!.textContent).toContain('Group: sales');
    expect(rows[1]!.textContent).toContain('(overdue)');
    expect(rows[1]!.textContent).toContain('Priority 80');
    expect(rows[1]!.textContent).toContain('Assigned to john');
    expect(within(rows[1]!).getByRole('link').getAttribute('aria-current')).toBe('true');
    expect(screen.getByText('2 tasks')).toBeTruthy();
  });

  it('puts search, sort order and page into the URL', () => {
    const state = parseListState(new URLSearchParams('list=group'));
    render(<TaskList state={state} title="My group tasks" page={{ items: [taskItem()], count: 60 }} error={null} selectedId={null} />);
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'priority' } });
    expect(window.location.search).toBe('?list=group&sort=priority');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'acme' } });
    fireEvent.submit(screen.getByRole('search'));
    expect(new URLSearchParams(window.location.search).get('q')).toBe('acme');
    expect(screen.getByText('Page 1 of 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(new URLSearchParams(window.location.search).get('page')).toBe('2');
  });

  it('says so when a list is empty', () => {
    render(<TaskList state={parseListState(new URLSearchParams())} title="My tasks" page={{ items: [], count: 0 }} error={null} selectedId={null} />);
    expect(screen.getByText('No tasks here.')).toBeTruthy();
  });

  it('round-trips the list state through the query string, ignoring junk', () => {
    const s = parseListState(new URLSearchParams('list=unassigned&sort=dueDate&order=asc&page=3&q=x'));
    expect(listQuery(s)).toBe('?list=unassigned&q=x&sort=dueDate&order=asc&page=3');
    expect(parseListState(new URLSearchParams('list=evil&sort=drop&page=-1'))).toMatchObject({ list: 'mine', sortBy: 'created', page: 1 });
  });
});

describe('Workspace', () => {
  it('loads the chosen list with paging and shows count badges and saved filters', async () => {
    const { api, sent } = stubApi([
      { method: 'GET', path: /\/tasklist\/tasks$/, body: { items: [taskItem()], count: 1 } },
      { method: 'GET', path: /\/tasklist\/counts$/, body: { mine: 0, group: 1, unassigned: 1, all: 3 } },
      { method: 'GET', path: /\/filter$/, body: [{ id: 'f1', resourceType: 'Task', name: 'Big invoices', owner: 'john', query: {}, properties: {}, itemCount: 7 }] },
    ]);
    const route = { path: '/', query: new URLSearchParams('list=group&sort=priority&page=2') };
    render(<ApiProvider value={api}><Workspace session={JOHN} route={route} version="1" /></ApiProvider>);
    await screen.findByText('Approve invoice');
    const listCall = sent.find((r) => r.url.pathname.endsWith('/tasklist/tasks'))!;
    expect(Object.fromEntries(listCall.url.searchParams)).toEqual({ list: 'group', sortBy: 'priority', sortOrder: 'desc', firstResult: '25', maxResults: '25' });
    expect(await screen.findByLabelText('3 tasks in All tasks')).toBeTruthy();
    expect(screen.getByLabelText('7 tasks in Big invoices')).toBeTruthy();
    expect(screen.getByRole('link', { name: /My group tasks/ }).getAttribute('aria-current')).toBe('page');
  });

  it('reloads the list when the live version changes', async () => {
    let n = 0;
    const { api } = stubApi([
      { method: 'GET', path: /\/tasklist\/tasks$/, body: () => ({ items: [taskItem({ name: `Task v${++n}` })], count: 1 }) },
      { method: 'GET', path: /\/tasklist\/counts$/, body: { mine: 0, group: 0, unassigned: 0, all: 1 } },
      { method: 'GET', path: /\/filter$/, body: [] },
    ]);
    const route = { path: '/', query: new URLSearchParams() };
    const view = render(<ApiProvider value={api}><Workspace session={JOHN} route={route} version="1" /></ApiProvider>);
    await screen.findByText('Task v1');
    view.rerender(<ApiProvider value={api}><Workspace session={JOHN} route={route} version="2" /></ApiProvider>);
    await waitFor(() => expect(screen.getByText('Task v2')).toBeTruthy());
  });
});
