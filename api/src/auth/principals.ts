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
  readonly value: Promise<T>;
  readonly expires: number;
}

/**
 * A TTL cache of pending or settled lookups. Why promises: when an entry expires under load,
 * every request in flight misses at once; caching the lookup itself lets them share one
 * query and one scrypt run instead of each starting its own (one capture window of the REST
 * benchmark at 32 clients saw ~35 password checks, ~40 ms of CPU each).
 */
class SingleFlightCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** The cached or pending value of `key`, else the result of `lookup` (shared with concurrent callers). */
  get(key: string, lookup: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const e = this.entries.get(key);
    if (e && e.expires >= Date.now()) return e.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = lookup();
    const entry = { value, expires: Date.now() + TTL_MS };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    value.then((v) => keep(v) || forget(), forget);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Principal loading and credential checks. */
export class Principals {
  private readonly principals = new SingleFlightCache<Principal | null>();
  private readonly credentials = new SingleFlightCache<string | null>();

  constructor(readonly store: IdentityStore) {}

  /** The principal of a user id, or null when the user does not exist. */
  load(userId: string): Promise<Principal | null> {
    return this.principals.get(userId, async () => {
      const user = await this.store.getUser(userId);
      if (!user) return null;
      const groups = await this.store.groupsOf(userId);
      const rules = await this.store.rulesFor(userId, groups);
      return { userId, firstName: user.firstName, lastName: user.lastName, groups, admin: groups.includes(ADMIN_GROUP), rules };
    });
  }

  /** The user id when the password is right, else null. Wrong passwords are not remembered. */
  verify(userId: string, password: string): Promise<string | null> {
    const key = createHash('sha256').update(`${userId}\u0000${password}`).digest('base64');
    const check = async () => {
      const hash = await this.store.passwordHash(userId);
      return hash && (await verifyPassword(password, hash)) ? userId : null;
    };
    return this.credentials.get(key, check, (id) => id !== null);
  }

  /** Forgets everything cached (after any identity or authorization change). */
  invalidate(): void {
    this.principals.clear();
    this.credentials.clear();
  }
}
