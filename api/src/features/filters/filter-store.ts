/**
 * Saved filters (Camunda's /filter resource) in the `filter` table, and who they are shared
 * with: sharing is a Camunda authorization (resource type FILTER, READ) for a group, so
 * Camunda clients that grant filter access through /authorization keep working.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { IdentityStore } from '../../auth/identity-store';
import { Resource } from '../../auth/permissions';

/** A saved filter. */
export interface FilterRecord {
  readonly id: string;
  readonly resourceType: string;
  readonly name: string;
  readonly owner: string | null;
  readonly query: Record<string, unknown>;
  readonly properties: Record<string, unknown>;
}

const SHARE_PREFIX = 'filter-share-';

const filterOf = (r: Record<string, unknown>): FilterRecord => ({
  id: String(r.id), resourceType: String(r.resource_type), name: String(r.name), owner: (r.owner as string) ?? null,
  query: (r.query as Record<string, unknown>) ?? {}, properties: (r.properties as Record<string, unknown>) ?? {},
});

/** Filter persistence. */
export class FilterStore {
  constructor(
    private readonly pool: Pool,
    private readonly identity: IdentityStore,
  ) {}

  /** Filters whose id is in `ids` ('*' = all) or owned by `owner`, ordered as asked. */
  async list(visible: { owner: string; ids: '*' | string[] }, q: { name?: string; nameLike?: string; owner?: string; resourceType?: string }): Promise<FilterRecord[]> {
    const rows = await this.pool.query(
      `SELECT * FROM filter WHERE ($1::boolean OR owner = $2 OR id = ANY($3::text[]))
         AND ($4::text IS NULL OR name = $4) AND ($5::text IS NULL OR name ILIKE $5) AND ($6::text IS NULL OR owner = $6)
         AND ($7::text IS NULL OR resource_type = $7)
       ORDER BY COALESCE((properties->>'priority')::int, 0), name, id`,
      [visible.ids === '*', visible.owner, visible.ids === '*' ? [] : visible.ids, q.name ?? null, q.nameLike ?? null, q.owner ?? null, q.resourceType ?? null],
    );
    return rows.rows.map(filterOf);
  }

  /** One filter or null. */
  async get(id: string): Promise<FilterRecord | null> {
    const rows = await this.pool.query('SELECT * FROM filter WHERE id = $1', [id]);
    return rows.rows[0] ? filterOf(rows.rows[0]) : null;
  }

  /** Inserts a filter with a new id. */
  async create(f: Omit<FilterRecord, 'id'>): Promise<FilterRecord> {
    const created = { ...f, id: randomUUID() };
    await this.pool.query('INSERT INTO filter (id, resource_type, name, owner, query, properties) VALUES ($1, $2, $3, $4, $5, $6)', [
      created.id, created.resourceType, created.name, created.owner, created.query, created.properties,
    ]);
    return created;
  }

  /** Replaces name, owner, query and properties. */
  async update(f: FilterRecord): Promise<void> {
    await this.pool.query('UPDATE filter SET name = $2, owner = $3, query = $4, properties = $5 WHERE id = $1', [f.id, f.name, f.owner, f.query, f.properties]);
  }

  /** Deletes a filter and its shares. */
  async delete(id: string): Promise<void> {
    await this.setSharedGroups(id, []);
    await this.pool.query('DELETE FROM filter WHERE id = $1', [id]);
  }

  /** Groups that may read the filter (group READ authorizations on it). */
  async sharedGroups(id: string): Promise<string[]> {
    const rules = await this.identity.listAuthorizations({ resourceType: Resource.FILTER, resourceId: id, type: 1 }, { offset: 0, limit: 1000 });
    return rules.filter((r) => r.groupId && (r.permissions.includes('READ') || r.permissions.includes('ALL'))).map((r) => r.groupId!).sort();
  }

  /** Makes exactly these groups readers of the filter (through Baton-managed authorizations). */
  async setSharedGroups(id: string, groups: readonly string[]): Promise<void> {
    const existing = await this.identity.listAuthorizations({ resourceType: Resource.FILTER, resourceId: id }, { offset: 0, limit: 1000 });
    for (const rule of existing) if (rule.id.startsWith(SHARE_PREFIX) && !groups.includes(rule.groupId ?? '')) await this.identity.deleteAuthorization(rule.id);
    for (const groupId of new Set(groups)) {
      await this.identity.saveAuthorization({
        id: `${SHARE_PREFIX}${id}-${groupId}`, type: 1, userId: null, groupId, resourceType: Resource.FILTER, resourceId: id, permissions: ['READ'],
      });
    }
  }
}
