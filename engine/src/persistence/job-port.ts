/**
 * The job executor's and fetchAndLock's side of the persistence port: bulk acquisition with
 * leases, and wake-up subscriptions. Everything else about jobs and external tasks (create,
 * complete, fail, retries) goes through the instance working set and its ChangeSet.
 */
import type { ExternalTaskRecord } from './records';

/** A job locked by an acquisition. */
export interface AcquiredJob {
  readonly id: string;
  readonly instanceId: string | null;
  readonly priority: number;
  readonly dueAt: Date;
}

/** Job acquisition. Due dates and lease expiry are compared with the store's clock (Postgres: now()). */
export interface JobPort {
  /**
   * Locks up to `max` acquirable jobs for `owner` for `leaseMs`: due, not suspended, retries
   * left, unlocked or with an expired lease; highest priority first, then earliest due.
   */
  acquire(owner: string, leaseMs: number, max: number): Promise<AcquiredJob[]>;
  /** Milliseconds until the next acquirable job is due (0 = now), or null when none is pending. */
  nextDueInMs(): Promise<number | null>;
  /** Releases the leases `owner` still holds (graceful shutdown). */
  release(owner: string): Promise<void>;
  /** Calls `listener` when a job may have become due (Postgres: LISTEN/NOTIFY); resolves to an unsubscribe. */
  subscribe(listener: () => void): Promise<() => Promise<void>>;
}

/** One topic of a fetchAndLock request, already validated. */
export interface TopicRequest {
  readonly topicName: string;
  readonly lockDurationMs: number;
  readonly businessKey?: string;
  readonly processDefinitionIds?: readonly string[];
  readonly processDefinitionKeys?: readonly string[];
  /** Only tasks whose instance has these (process-level) variable values. */
  readonly processVariables?: Readonly<Record<string, unknown>>;
  readonly tenantIds?: readonly string[];
  readonly withoutTenantId?: boolean;
  /** Only tasks of definitions with this version tag. */
  readonly processDefinitionVersionTag?: string;
}

/** External task locking for fetchAndLock. */
export interface ExternalTaskPort {
  /** Locks up to `maxTasks` unlocked tasks of the topics for the worker, in topic order. */
  lock(workerId: string, topics: readonly TopicRequest[], maxTasks: number, usePriority: boolean): Promise<ExternalTaskRecord[]>;
  /** Milliseconds until the earliest current lock of these topics expires (null: none), for long polling. */
  nextUnlockInMs(topicNames: readonly string[]): Promise<number | null>;
  /** Calls `listener` when tasks may have become available (created, unlocked, failed with retries). */
  subscribe(listener: () => void): Promise<() => Promise<void>>;
}
