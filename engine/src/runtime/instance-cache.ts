/**
 * The working sets of recently committed commands, so that the next command on the same
 * instance (a task completed right after the start, a claim then a completion) can skip the
 * round trip that locks and loads it: one round trip instead of two.
 *
 * Why it is safe: another command (on this node or another) may have changed the instance
 * since. A command on a cached working set therefore runs "unverified": its flush carries
 * StoreTransaction.expectRevision, which locks the instance and rolls the command back unless
 * the stored revision is still the cached one, and the engine runs it again the verified way
 * (lock, load, run). Every write to
 * an instance's rows goes through a command, and every command's flush raises the revision,
 * with three exceptions outside commands: job acquisition and external task locking update
 * their rows in place, and so does an incident's annotation (REST). So only instances without
 * jobs, external tasks and incidents are cached.
 * Running a command twice is only harmless when its first run had no effect outside the
 * transaction, so an unverified command refuses to run handlers and to start or end called
 * instances (as an unverified start does, see latest-definitions.ts); only root instances are
 * cached, whose lock is their own row.
 *
 * Working sets larger than MAX_CACHED_BYTES are not kept. An entry leaves the cache when a
 * command takes it: two commands on one instance at once do not both run unverified, and a
 * command that fails leaves nothing behind that could be stale.
 */
import type { InstanceSnapshot, InstanceTarget } from '../persistence/port';
import type { WorkingSet } from './working-set';

/** Default number of cached instances (a few KB each). */
export const DEFAULT_INSTANCE_CACHE_SIZE = 1_000;

/**
 * Largest working set kept, in approximate bytes of its values. Why a bound: a thousand
 * instances holding a large JSON variable each would otherwise hold gigabytes.
 */
export const MAX_CACHED_BYTES = 16 * 1024;

/** Least recently committed instances first; task ids lead to their instance. */
export class InstanceCache {
  private readonly entries = new Map<string, InstanceSnapshot>();
  private readonly instanceOfTask = new Map<string, string>();

  constructor(private readonly capacity: number = DEFAULT_INSTANCE_CACHE_SIZE) {}

  /** Removes and answers the cached working set of the instance `target` names, if any. */
  take(target: InstanceTarget): InstanceSnapshot | undefined {
    const id = typeof target === 'string' ? target : target.owner === 'task' ? this.instanceOfTask.get(target.id) : undefined;
    if (id === undefined) return undefined;
    const snapshot = this.entries.get(id);
    if (snapshot) this.forget(id);
    return snapshot;
  }

  /** Remembers the state a committed command left an instance in (or forgets it, when it may not be cached). */
  remember(ws: WorkingSet): void {
    const i = ws.instance;
    this.forget(i.id);
    if (this.capacity <= 0 || ws.ended || i.rootInstanceId !== i.id || ws.jobs.size > 0 || ws.externalTasks.size > 0 || ws.incidents.size > 0) return;
    const snapshot: InstanceSnapshot = {
      instance: i, variables: [...ws.variables.values()], tasks: [...ws.tasks.values()], incidents: [],
      jobs: [], externalTasks: [], eventSubscriptions: [...ws.eventSubscriptions.values()],
    };
    if (approximateSize(snapshot, MAX_CACHED_BYTES) > MAX_CACHED_BYTES) return;
    this.entries.set(i.id, snapshot);
    for (const t of snapshot.tasks) this.instanceOfTask.set(t.id, i.id);
    if (this.entries.size > this.capacity) this.forget(this.entries.keys().next().value!);
  }

  /** Forgets an instance. */
  forget(instanceId: string): void {
    const snapshot = this.entries.get(instanceId);
    if (!snapshot) return;
    this.entries.delete(instanceId);
    for (const t of snapshot.tasks) this.instanceOfTask.delete(t.id);
  }
}

/**
 * Approximate size of a value in bytes (strings by length, binary by byte length, other leaves
 * and each array slot or key 8 more), counted only until it exceeds `limit`: the walk stops
 * early, so a huge value costs no more than a small one.
 */
function approximateSize(value: unknown, limit: number): number {
  let total = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && total <= limit) {
    const v = pending.pop();
    if (typeof v === 'string') total += v.length;
    else if (ArrayBuffer.isView(v)) total += v.byteLength;
    else if (v === null || typeof v !== 'object' || v instanceof Date) total += 8;
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length && total <= limit; i++, total += 8) pending.push(v[i]);
    } else {
      for (const key in v) {
        if (total > limit) break;
        total += key.length + 8;
        pending.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return total;
}
