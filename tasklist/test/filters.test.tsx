/**
 * Saved filters: navigation with badges and edit links, the editor creating and sharing a
 * filter (the query it sends), and criteria ⇄ Camunda query conversion.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FilterDto } from '@baton/api/client';
import { ApiProvider } from '../src/api-context';
import { fromQuery, toQuery } from '../src/filters/filter-criteria';
import { FilterEditor } from '../src/filters/filter-editor';
import { ListNav } from '../src/tasks/list-nav';
import { parseListState } from '../src/tasks/list-state';
import { JOHN } from './fixtures';
import { stubApi } from './stub-api';

const FILTERS: FilterDto[] = [
  { id: 'f1', resourceType: 'Task', name: 'Mine', owner: 'john', query: {}, properties: { color: '#ff0000' }, itemCount: 4 },
  { id: 'f2', resourceType: 'Task', name: 'Team', owner: 'peter', query: {}, properties: {}, itemCount: 0 },
];

describe('ListNav', () => {
  it('lists built-in lists and filters with counts; only own filters are editable', () => {
    const onEdit = vi.fn();
    render(<ListNav state={parseListState(new URLSearchParams('filter=f2'))} counts={{ mine: 1, group: 2, unassigned: 3, all: 4 }} filters={FILTERS} userId="john" onNewFilter={() => undefined} onEditFilter={onEdit} />);
    expect(screen.getByLabelText('2 tasks in My group tasks')).toBeTruthy();
    expect(screen.getByLabelText('0 tasks in Team')).toBeTruthy();
    expect(screen.getByRole('link', { name: /Team/ }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('button', { name: 'Edit filter Team' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Edit filter Mine' }));
    expect(onEdit).toHaveBeenCalledWith(FILTERS[0]);
  });
});

describe('FilterEditor', () => {
  it('creates a filter from the criteria and shares it with the chosen group', async () => {
    const { api, sent } = stubApi([
      { method: 'POST', path: /\/filter\/create$/, body: ({ body }: { body: unknown }) => ({ id: 'new-1', ...(body as object) }) },
      { method: 'PUT', path: /\/filter\/new-1\/shares$/, body: undefined },
    ]);
    const onClose = vi.fn();
    render(<ApiProvider value={api}><FilterEditor filter={null} session={JOHN} onClose={onClose} /></ApiProvider>);
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Urgent sales' } });
    fireEvent.change(screen.getByLabelText('Candidate group'), { target: { value: 'sales' } });
    fireEvent.change(screen.getByLabelText('Minimum priority'), { target: { value: '70' } });
    fireEvent.click(screen.getByLabelText('sales'));
    fireEvent.click(screen.getByRole('button', { name: 'Save filter' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(sent[0]!.body).toMatchObject({ resourceType: 'Task', name: 'Urgent sales', query: { candidateGroup: 'sales', includeAssignedTasks: true, minPriority: 70 } });
    expect(sent[1]!.body).toEqual({ groupIds: ['sales'] });
  });

  it('shows the server’s refusal and stays open', async () => {
    const { api } = stubApi([{ method: 'POST', path: /\/filter\/create$/, status: 400, body: { type: 'InvalidRequestException', message: "A filter needs a 'name'" } }]);
    const onClose = vi.fn();
    render(<ApiProvider value={api}><FilterEditor filter={null} session={JOHN} onClose={onClose} /></ApiProvider>);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' x ' } });
    fireEvent.submit(screen.getByRole('dialog'));
    expect((await screen.findByRole('alert')).textContent).toBe("A filter needs a 'name'");
    expect(onClose).not.toHaveBeenCalled();
  });

  it('converts criteria to a Camunda query and back', () => {
    const q = toQuery({ assignedToMe: true, candidateGroup: '', processDefinitionKey: 'invoice', nameContains: 'Approve', businessKeyContains: 'INV', minPriority: '' });
    expect(q).toEqual({ assigneeExpression: '${currentUser()}', processDefinitionKey: 'invoice', nameLike: '%Approve%', processInstanceBusinessKeyLike: '%INV%' });
    expect(fromQuery(q)).toMatchObject({ assignedToMe: true, processDefinitionKey: 'invoice', nameContains: 'Approve', businessKeyContains: 'INV' });
  });
});
