/**
 * Camunda's tenant filters of a list query: `tenantIdIn` (a list), its resource's
 * `include…WithoutTenantId` flag (rows without a tenant as well), and `withoutTenantId`.
 */
import { bool, list } from './params';
import type { SqlFilter } from './sql-filter';

/** Adds the tenant conditions on `column`; `includeWithout`: the name of the resource's include flag, if it has one. */
export function addTenantConditions(f: SqlFilter, q: Record<string, unknown>, column: string, includeWithout?: string): SqlFilter {
  const orNone = includeWithout && bool(q, includeWithout) ? ` OR ${column} IS NULL` : '';
  return f.add(`(${column} = ANY(?)${orNone})`, list(q, 'tenantIdIn')).when(bool(q, 'withoutTenantId'), `${column} IS NULL`);
}
