/**
 * Create or edit a saved filter: name, description, color, criteria, and the groups it is
 * shared with. A modal dialog: focus moves in, Escape closes, focus returns afterwards.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FilterDto, SessionDto } from '@baton/api/client';
import { useApi } from '../api-context';
import { errorText } from '../ui/notice';
import { fromQuery, NO_CRITERIA, toQuery, type FilterCriteria } from './filter-criteria';

/** Props of the editor. */
export interface FilterEditorProps {
  readonly filter: FilterDto | null;
  readonly session: SessionDto;
  readonly onClose: (changed: boolean) => void;
}

/** The filter dialog. */
export function FilterEditor({ filter, session, onClose }: FilterEditorProps) {
  const api = useApi();
  const [name, setName] = useState(filter?.name ?? '');
  const [description, setDescription] = useState(String(filter?.properties.description ?? ''));
  const [color, setColor] = useState(String(filter?.properties.color ?? '#3b82f6'));
  const [criteria, setCriteria] = useState<FilterCriteria>(filter ? fromQuery(filter.query) : NO_CRITERIA);
  const [shared, setShared] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    first.current?.focus();
    if (filter) api.filterShares(filter.id).then(setShared, () => undefined);
    const previous = returnFocus.current;
    return () => (previous as HTMLElement | null)?.focus?.();
  }, [api, filter]);

  const set = (patch: Partial<FilterCriteria>) => setCriteria((c) => ({ ...c, ...patch }));
  const toggleShare = (g: string) => setShared((s) => (s.includes(g) ? s.filter((x) => x !== g) : [...s, g]));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const input = { name: name.trim(), query: toQuery(criteria), properties: { ...(filter?.properties ?? {}), description, color } };
      const id = filter ? (await api.updateFilter(filter.id, input), filter.id) : (await api.createFilter(input)).id;
      await api.shareFilter(id, shared);
      onClose(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const remove = async () => {
    if (!filter) return;
    try {
      await api.deleteFilter(filter.id);
      onClose(true);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose(false)}>
      <form className="dialog card" role="dialog" aria-modal="true" aria-labelledby="filter-title" onSubmit={save}>
        <h2 id="filter-title">{filter ? `Edit filter “${filter.name}”` : 'New filter'}</h2>
        <label htmlFor="filter-name">Name</label>
        <input id="filter-name" ref={first} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        <label htmlFor="filter-description">Description</label>
        <input id="filter-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        <label htmlFor="filter-color">Color</label>
        <input id="filter-color" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        <fieldset>
          <legend>Tasks that match all of</legend>
          <label className="inline">
            <input type="checkbox" checked={criteria.assignedToMe} onChange={(e) => set({ assignedToMe: e.target.checked })} /> Assigned to the viewer
          </label>
          <label htmlFor="filter-group">Candidate group</label>
          <input id="filter-group" list="filter-groups" value={criteria.candidateGroup} onChange={(e) => set({ candidateGroup: e.target.value })} />
          <datalist id="filter-groups">{session.groups.map((g) => <option key={g} value={g} />)}</datalist>
          <label htmlFor="filter-process">Process key</label>
          <input id="filter-process" value={criteria.processDefinitionKey} onChange={(e) => set({ processDefinitionKey: e.target.value })} />
          <label htmlFor="filter-name-contains">Task name contains</label>
          <input id="filter-name-contains" value={criteria.nameContains} onChange={(e) => set({ nameContains: e.target.value })} />
          <label htmlFor="filter-business-key">Business key contains</label>
          <input id="filter-business-key" value={criteria.businessKeyContains} onChange={(e) => set({ businessKeyContains: e.target.value })} />
          <label htmlFor="filter-priority">Minimum priority</label>
          <input id="filter-priority" type="number" inputMode="numeric" value={criteria.minPriority} onChange={(e) => set({ minPriority: e.target.value })} />
        </fieldset>
        <fieldset>
          <legend>Share with groups</legend>
          {session.groups.length === 0 && <p className="muted small">You are in no groups.</p>}
          {session.groups.map((g) => (
            <label key={g} className="inline">
              <input type="checkbox" checked={shared.includes(g)} onChange={() => toggleShare(g)} /> {g}
            </label>
          ))}
        </fieldset>
        {error && <p className="field-error" role="alert">{error}</p>}
        <div className="dialog-actions">
          {filter && <button type="button" className="danger" onClick={() => void remove()}>Delete</button>}
          <button type="button" onClick={() => onClose(false)}>Cancel</button>
          <button type="submit" className="primary">Save filter</button>
        </div>
      </form>
    </div>
  );
}
