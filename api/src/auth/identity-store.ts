/**
 * Users, groups, memberships and authorizations in PostgreSQL (raw SQL over the pool).
 */
import type { Pool } from 'pg';
import { hashPassword } from './password';

/** A user as stored (without the hash unless asked). */
export interface UserRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

/** A group. */
export interface GroupRecord {
  id: string;
  name: string | null;
  type: string | null;
}

/** An authorization rule (Camunda's AuthorizationDto fields). */
export interface AuthorizationRecord {
  id: string;
  type: number;
  userId: string | null;
  groupId: string | null;
  resourceType: number;
  resourceId: string;
  permissions: string[];
}

const userOf = (r: Record<string, unknown>): UserRecord => ({
  id: String(r.id), firstName: (r.first_name as string) ?? null, lastName: (r.last_name as string) ?? null, email: (r.email as string) ?? null,
});
const groupOf = (r: Record<string, unknown>): GroupRecord => ({ id: String(r.id), name: (r.name as string) ?? null, type: (r.type as string) ?? null });
const authOf = (r: Record<string, unknown>): AuthorizationRecord => ({
  id: String(r.id), type: Number(r.type), userId: (r.user_id as string) ?? null, groupId: (r.group_id as string) ?? null,
  resourceType: Number(r.resource_type), resourceId: String(r.resource_id), permissions: r.permissions as string[],
});

/** Camunda's user query filters. */
export interface UserFilter {
  id?: string; idIn?: string[]; firstName?: string; firstNameLike?: string; lastName?: string; lastNameLike?: string;
  email?: string; emailLike?: string; memberOfGroup?: string; potentialStarter?: string;
}

/** Camunda's group query filters. */
export interface GroupFilter { id?: string; idIn?: string[]; name?: string; nameLike?: string; type?: string; member?: string }

/** Camunda's sortBy of users and groups → ORDER BY columns. */
export const USER_ORDER: Record<string, string> = { userId: 'u.id', firstName: 'u.first_name', lastName: 'u.last_name', email: 'u.email' };
export const GROUP_ORDER: Record<string, string> = { id: 'g.id', name: 'g.name', type: 'g.type' };

/** Identity persistence. */
export class IdentityStore {
  constructor(readonly pool: Pool) {}

  /** The stored password hash of a user, or null. */
  async passwordHash(userId: string): Promise<string | null> {
    const r = await this.pool.query('SELECT password_hash FROM app_user WHERE id = $1', [userId]);
    return (r.rows[0]?.password_hash as string | undefined) ?? null;
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const r = await this.pool.query('SELECT id, first_name, last_name, email FROM app_user WHERE id = $1', [id]);
    return r.rows[0] ? userOf(r.rows[0]) : null;
  }

  /**
   * Users matching Camunda's user query; `order`: an ORDER BY from the caller's allow-list
   * (USER_ORDER). `potentialStarter`: a definition id whose candidate starters name the user or
   * one of their groups.
   */
  async listUsers(filter: UserFilter, page: { offset: number; limit: number }, order = 'u.id'): Promise<UserRecord[]> {
    const r = await this.pool.query(
      `SELECT u.id, u.first_name, u.last_name, u.email FROM app_user u
       WHERE ($1::text IS NULL OR u.id = $1) AND ($2::text[] IS NULL OR u.id = ANY($2)) AND ($3::text IS NULL OR u.first_name = $3)
         AND ($4::text IS NULL OR u.last_name = $4) AND ($5::text IS NULL OR u.email = $5)
         AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.group_id = $6))
         AND ($9::text IS NULL OR u.first_name LIKE $9) AND ($10::text IS NULL OR u.last_name LIKE $10) AND ($11::text IS NULL OR u.email LIKE $11)
         AND ($12::text IS NULL OR EXISTS (SELECT 1 FROM process_definition d WHERE d.id = $12 AND (u.id = ANY(d.candidate_starter_users)
              OR EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.group_id = ANY(d.candidate_starter_groups)))))
       ORDER BY ${order} LIMIT $7 OFFSET $8`,
      [
        filter.id ?? null, filter.idIn ?? null, filter.firstName ?? null, filter.lastName ?? null, filter.email ?? null, filter.memberOfGroup ?? null, page.limit, page.offset,
        filter.firstNameLike ?? null, filter.lastNameLike ?? null, filter.emailLike ?? null, filter.potentialStarter ?? null,
      ],
    );
    return r.rows.map(userOf);
  }

  async createUser(u: UserRecord, password: string): Promise<void> {
    await this.pool.query('INSERT INTO app_user (id, first_name, last_name, email, password_hash) VALUES ($1, $2, $3, $4, $5)', [
      u.id, u.firstName, u.lastName, u.email, await hashPassword(password),
    ]);
  }

  async updateProfile(u: UserRecord): Promise<boolean> {
    const r = await this.pool.query('UPDATE app_user SET first_name = $2, last_name = $3, email = $4 WHERE id = $1', [u.id, u.firstName, u.lastName, u.email]);
    return (r.rowCount ?? 0) > 0;
  }

  async setPassword(userId: string, password: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE app_user SET password_hash = $2 WHERE id = $1', [userId, await hashPassword(password)]);
    return (r.rowCount ?? 0) > 0;
  }

  async deleteUser(id: string): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM app_user WHERE id = $1', [id]);
    await this.pool.query('DELETE FROM app_authorization WHERE user_id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Members of any of the groups, except `exceptUser` (Camunda's /identity/groups groupUsers). */
  async usersInGroups(groupIds: readonly string[], exceptUser: string, limit: number): Promise<UserRecord[]> {
    const r = await this.pool.query(
      `SELECT DISTINCT u.id, u.first_name, u.last_name, u.email FROM app_user u JOIN membership m ON m.user_id = u.id
       WHERE m.group_id = ANY($1) AND u.id <> $2 ORDER BY u.id LIMIT $3`,
      [[...groupIds], exceptUser, limit],
    );
    return r.rows.map(userOf);
  }

  /** Group ids of a user. */
  async groupsOf(userId: string): Promise<string[]> {
    const r = await this.pool.query('SELECT group_id FROM membership WHERE user_id = $1 ORDER BY group_id', [userId]);
    return r.rows.map((row) => String(row.group_id));
  }

  async getGroup(id: string): Promise<GroupRecord | null> {
    const r = await this.pool.query('SELECT * FROM app_group WHERE id = $1', [id]);
    return r.rows[0] ? groupOf(r.rows[0]) : null;
  }

  /** Groups matching Camunda's group query; `order`: an ORDER BY from the caller's allow-list (GROUP_ORDER). */
  async listGroups(filter: GroupFilter, page: { offset: number; limit: number }, order = 'g.id'): Promise<GroupRecord[]> {
    const r = await this.pool.query(
      `SELECT g.* FROM app_group g WHERE ($1::text IS NULL OR g.id = $1) AND ($2::text[] IS NULL OR g.id = ANY($2))
         AND ($3::text IS NULL OR g.name = $3) AND ($4::text IS NULL OR g.type = $4)
         AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM membership m WHERE m.group_id = g.id AND m.user_id = $5))
         AND ($8::text IS NULL OR g.name LIKE $8)
       ORDER BY ${order} LIMIT $6 OFFSET $7`,
      [filter.id ?? null, filter.idIn ?? null, filter.name ?? null, filter.type ?? null, filter.member ?? null, page.limit, page.offset, filter.nameLike ?? null],
    );
    return r.rows.map(groupOf);
  }

  async createGroup(g: GroupRecord): Promise<void> {
    await this.pool.query('INSERT INTO app_group (id, name, type) VALUES ($1, $2, $3)', [g.id, g.name, g.type]);
  }

  async updateGroup(g: GroupRecord): Promise<boolean> {
    const r = await this.pool.query('UPDATE app_group SET name = $2, type = $3 WHERE id = $1', [g.id, g.name, g.type]);
    return (r.rowCount ?? 0) > 0;
  }

  async deleteGroup(id: string): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM app_group WHERE id = $1', [id]);
    await this.pool.query('DELETE FROM app_authorization WHERE group_id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }

  async addMember(groupId: string, userId: string): Promise<void> {
    await this.pool.query('INSERT INTO membership (user_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, groupId]);
  }

  async removeMember(groupId: string, userId: string): Promise<void> {
    await this.pool.query('DELETE FROM membership WHERE user_id = $1 AND group_id = $2', [userId, groupId]);
  }

  /** Every rule that can apply to a user with these groups (global ones included). */
  async rulesFor(userId: string, groups: readonly string[]): Promise<AuthorizationRecord[]> {
    const r = await this.pool.query('SELECT * FROM app_authorization WHERE type = 0 OR user_id = $1 OR group_id = ANY($2)', [userId, [...groups]]);
    return r.rows.map(authOf);
  }

  async listAuthorizations(filter: { id?: string; type?: number; userIdIn?: string[]; groupIdIn?: string[]; resourceType?: number; resourceId?: string }, page: { offset: number; limit: number }): Promise<AuthorizationRecord[]> {
    const r = await this.pool.query(
      `SELECT * FROM app_authorization WHERE ($1::text IS NULL OR id = $1) AND ($2::int IS NULL OR type = $2)
         AND ($3::text[] IS NULL OR user_id = ANY($3)) AND ($4::text[] IS NULL OR group_id = ANY($4))
         AND ($5::int IS NULL OR resource_type = $5) AND ($6::text IS NULL OR resource_id = $6)
       ORDER BY id LIMIT $7 OFFSET $8`,
      [filter.id ?? null, filter.type ?? null, filter.userIdIn ?? null, filter.groupIdIn ?? null, filter.resourceType ?? null, filter.resourceId ?? null, page.limit, page.offset],
    );
    return r.rows.map(authOf);
  }

  async getAuthorization(id: string): Promise<AuthorizationRecord | null> {
    return (await this.listAuthorizations({ id }, { offset: 0, limit: 1 }))[0] ?? null;
  }

  async saveAuthorization(a: AuthorizationRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO app_authorization (id, type, user_id, group_id, resource_type, resource_id, permissions) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET type = $2, user_id = $3, group_id = $4, resource_type = $5, resource_id = $6, permissions = $7`,
      [a.id, a.type, a.userId, a.groupId, a.resourceType, a.resourceId, a.permissions],
    );
  }

  async deleteAuthorization(id: string): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM app_authorization WHERE id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }

  /** A server setting (e.g. the session secret), created atomically with `fallback` when absent. */
  async setting(key: string, fallback: () => string): Promise<string> {
    await this.pool.query('INSERT INTO baton_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, fallback()]);
    const r = await this.pool.query('SELECT value FROM baton_setting WHERE key = $1', [key]);
    return String(r.rows[0].value);
  }
}
