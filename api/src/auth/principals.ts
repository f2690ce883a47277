/**
 * Loads principals (user, groups, authorization rules) and verifies credentials, with short
 * caches: checking a password with scrypt costs ~40 ms and loading groups and rules a query,
 * and HTTP Basic repeats both on every request. Identity changes made through this node clear
 * the caches at once; other nodes see them within the TTL (30 s).
 */
import { createHash } from 'node:crypto';
import type { IdentityStore } from './identity-store';
import { verifyPassword } from './password';
import { ADMIN_GROUP, type Principal } from './permissions';

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  readonly value: T;
  readonly expires: number;
}

class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e || e.expires < Date.now()) return undefined;
    return e.value;
  }
  set(key: string, value: T): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, expires: Date.now() + TTL_MS });
  }
  clear(): void {
    this.entries.clear();
  }
}

/** Principal loading and credential checks. */
export class Principals {
  private readonly principals = new TtlCache<Principal | null>();
  private readonly credentials = new TtlCache<string>();

  constructor(readonly store: IdentityStore) {}

  /** The principal of a user id, or null when the user does not exist. */
  async load(userId: string): Promise<Principal | null> {
    const cached = this.principals.get(userId);
    if (cached !== undefined) return cached;
    const user = await this.store.getUser(userId);
    let principal: Principal | null = null;
    if (user) {
      const groups = await this.store.groupsOf(userId);
      const rules = await this.store.rulesFor(userId, groups);
      principal = { userId, firstName: user.firstName, lastName: user.lastName, groups, admin: groups.includes(ADMIN_GROUP), rules };
    }
    this.principals.set(userId, principal);
    return principal;
  }

  /** The user id when the password is right, else null. */
  async verify(userId: string, password: string): Promise<string | null> {
    const key = createHash('sha256').update(`${userId}\u0000${password}`).digest('base64');
    if (this.credentials.get(key)) return userId;
    const hash = await this.store.passwordHash(userId);
    if (!hash || !(await verifyPassword(password, hash))) return null;
    this.credentials.set(key, userId);
    return userId;
  }

  /** Forgets everything cached (after any identity or authorization change). */
  invalidate(): void {
    this.principals.clear();
    this.credentials.clear();
  }
}
