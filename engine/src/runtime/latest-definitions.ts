/**
 * The latest version of each process key as this engine last read it, so that a start by key
 * can skip the lookup round trip (one of the two round trips of a start).
 *
 * Why it is safe: the cached version may have been replaced on another node (deployed,
 * deleted, suspended) without this engine knowing. Such a start therefore runs "unverified":
 * its flush carries StoreTransaction.expectLatestStartable, which rolls it back when the
 * version is no longer the startable latest one, and the engine starts again the verified way.
 * Running a start twice is only harmless when its first run had no effect outside the
 * transaction, so an unverified start refuses to run handlers (service tasks, listeners, bean
 * expressions) and to start called instances: the refusal comes before the handler runs, the
 * start goes the verified way, and the definition is remembered as one that always does.
 */
import type { ProcessDefinitionRecord } from '../persistence/records';

/** Cache of the latest startable version per key, with the versions whose starts run handlers. */
export class LatestDefinitions {
  private readonly byKey = new Map<string, ProcessDefinitionRecord>();
  private readonly withHandlers = new Set<string>();

  /** The cached version to start `key` with unverified, if there is one that may be. */
  candidate(key: string): ProcessDefinitionRecord | undefined {
    const record = this.byKey.get(key);
    return record && !this.withHandlers.has(record.id) ? record : undefined;
  }

  /** Remembers a startable version just read from the store as the latest of its key. */
  remember(record: ProcessDefinitionRecord): void {
    this.byKey.set(record.key, record);
  }

  /** Marks a version whose start path ran into a handler or call activity: its starts are always verified first. */
  markHandlers(definitionId: string): void {
    this.withHandlers.add(definitionId);
  }

  /** Forgets the cached latest versions of these keys (deployed, suspended or found stale). */
  forgetKeys(keys: Iterable<string>): void {
    for (const key of keys) this.byKey.delete(key);
  }

  /** Forgets these versions where they are cached as latest (their deployment was deleted, or they were suspended). */
  forgetVersions(definitionIds: readonly string[]): void {
    for (const [key, record] of this.byKey) if (definitionIds.includes(record.id)) this.byKey.delete(key);
  }
}
