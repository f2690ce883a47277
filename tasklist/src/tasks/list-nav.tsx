/**
 * The lists a user can pick: the built-in lists and saved filters, each with a count badge.
 */
import type { BuiltInList, FilterDto, ListCountsDto } from '@baton/api/client';
import { Link } from '../ui/link';
import { LIST_LABELS, listQuery, type ListState } from './list-state';

/** Props of the list navigation. */
export interface ListNavProps {
  readonly state: ListState;
  readonly counts: ListCountsDto | null;
  readonly filters: readonly FilterDto[];
  readonly userId: string;
  readonly onNewFilter: () => void;
  readonly onEditFilter: (f: FilterDto) => void;
}

function Badge({ count, label }: { count: number | undefined; label: string }) {
  if (count === undefined) return null;
  return <span className="badge" aria-label={`${count} tasks in ${label}`}>{count}</span>;
}

/** Built-in lists and saved filters. */
export function ListNav({ state, counts, filters, userId, onNewFilter, onEditFilter }: ListNavProps) {
  const to = (patch: Partial<ListState>) => `/${listQuery({ ...state, search: '', page: 1, filterId: null, ...patch })}`;
  return (
    <nav className="list-nav" aria-label="Task lists">
      <ul>
        {(Object.keys(LIST_LABELS) as BuiltInList[]).map((l) => (
          <li key={l}>
            <Link to={to({ list: l })} aria-current={!state.filterId && state.list === l ? 'page' : undefined}>
              <span>{LIST_LABELS[l]}</span>
              <Badge count={counts?.[l]} label={LIST_LABELS[l]} />
            </Link>
          </li>
        ))}
      </ul>
      <div className="nav-heading">
        <h2 id="filters-heading">Filters</h2>
        <button type="button" className="link-button" onClick={onNewFilter}>New filter</button>
      </div>
      {filters.length === 0 ? (
        <p className="muted small">No saved filters yet.</p>
      ) : (
        <ul aria-labelledby="filters-heading">
          {filters.map((f) => (
            <li key={f.id} className="filter-item">
              <Link to={to({ filterId: f.id })} aria-current={state.filterId === f.id ? 'page' : undefined} title={f.properties.description ?? undefined}>
                <span className="filter-color" style={{ background: f.properties.color ?? 'transparent' }} aria-hidden="true" />
                <span>{f.name}</span>
                <Badge count={f.itemCount} label={f.name} />
              </Link>
              {(f.owner === userId) && (
                <button type="button" className="link-button small" onClick={() => onEditFilter(f)} aria-label={`Edit filter ${f.name}`}>Edit</button>
              )}
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
