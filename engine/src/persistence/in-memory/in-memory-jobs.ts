/**
 * In-memory job acquisition and external task locking, for engine tests with an advanceable
 * clock. Same rules as the PostgreSQL adapter's SQL, evaluated over the maps.
 */
import type { AcquiredJob, ExternalTaskPort, JobPort, TopicRequest } from '../job-port';
import type { ExternalTaskRecord, JobRecord } from '../records';
import type { Tables } from './in-memory-store';

type WithTables = <T>(work: (t: Tables) => T) => Promise<T>;

function acquirable(j: JobRecord, now: number): boolean {
  const free = j.lockExpiresAt === null || j.lockExpiresAt.getTime() < now;
  return free && !j.suspended && j.retries > 0 && j.dueAt.getTime() <= now;
}

/** Job acquisition over the in-memory tables. */
export class InMemoryJobs implements JobPort {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly tables: WithTables, private readonly clock: () => Date) {}

  acquire(owner: string, leaseMs: number, max: number): Promise<AcquiredJob[]> {
    return this.tables((t) => {
      const now = this.clock().getTime();
      const due = [...t.jobs.values()].filter((j) => acquirable(j, now))
        .sort((a, b) => b.priority - a.priority || a.dueAt.getTime() - b.dueAt.getTime()).slice(0, max);
      for (const j of due) {
        j.lockOwner = owner;
        j.lockExpiresAt = new Date(now + leaseMs);
      }
      return due.map((j) => ({ id: j.id, instanceId: j.instanceId, priority: j.priority, dueAt: j.dueAt }));
    });
  }

  nextDueInMs(): Promise<number | null> {
    return this.tables((t) => {
      const now = this.clock().getTime();
      const pending = [...t.jobs.values()].filter((j) => !j.suspended && j.retries > 0 && (j.lockExpiresAt === null || j.lockExpiresAt.getTime() < now));
      if (pending.length === 0) return null;
      return Math.max(0, Math.min(...pending.map((j) => j.dueAt.getTime())) - now);
    });
  }

  release(owner: string): Promise<void> {
    return this.tables((t) => {
      for (const j of t.jobs.values()) {
        if (j.lockOwner !== owner) continue;
        j.lockOwner = null;
        j.lockExpiresAt = null;
      }
    });
  }

  async subscribe(listener: () => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => void this.listeners.delete(listener);
  }
}

function matches(task: ExternalTaskRecord, topic: TopicRequest, t: Tables): boolean {
  if (task.topicName !== topic.topicName) return false;
  if (topic.businessKey !== undefined && task.businessKey !== topic.businessKey) return false;
  if (topic.processDefinitionIds && !topic.processDefinitionIds.includes(task.definitionId)) return false;
  if (topic.processDefinitionKeys && !topic.processDefinitionKeys.includes(task.definitionKey)) return false;
  if (topic.tenantIds && (task.tenantId === null || !topic.tenantIds.includes(task.tenantId))) return false;
  if (topic.withoutTenantId && task.tenantId !== null) return false;
  if (topic.processDefinitionVersionTag !== undefined && t.definitions.get(task.definitionId)?.versionTag !== topic.processDefinitionVersionTag) return false;
  for (const [name, value] of Object.entries(topic.processVariables ?? {})) {
    const v = [...t.variables.values()].find((x) => x.instanceId === task.instanceId && x.scopeId === task.instanceId && x.name === name);
    if (!v || JSON.stringify(v.value) !== JSON.stringify(value)) return false;
  }
  return true;
}

/** External task locking over the in-memory tables. */
export class InMemoryExternalTasks implements ExternalTaskPort {
  constructor(private readonly tables: WithTables, private readonly clock: () => Date) {}

  lock(workerId: string, topics: readonly TopicRequest[], maxTasks: number, usePriority: boolean): Promise<ExternalTaskRecord[]> {
    return this.tables((t) => {
      const now = this.clock().getTime();
      const out: ExternalTaskRecord[] = [];
      for (const topic of topics) {
        const free = [...t.externalTasks.values()].filter(
          (x) => !x.suspended && (x.retries === null || x.retries > 0) && (x.lockExpiresAt === null || x.lockExpiresAt.getTime() < now) && matches(x, topic, t),
        );
        if (usePriority) free.sort((a, b) => b.priority - a.priority);
        for (const x of free.slice(0, maxTasks - out.length)) {
          x.workerId = workerId;
          x.lockExpiresAt = new Date(now + topic.lockDurationMs);
          out.push(structuredClone(x));
        }
      }
      return out;
    });
  }

  nextUnlockInMs(topicNames: readonly string[]): Promise<number | null> {
    return this.tables((t) => {
      const now = this.clock().getTime();
      const locks = [...t.externalTasks.values()].filter((x) => topicNames.includes(x.topicName) && x.lockExpiresAt && x.lockExpiresAt.getTime() > now);
      return locks.length ? Math.min(...locks.map((x) => x.lockExpiresAt!.getTime())) - now : null;
    });
  }

  async subscribe(): Promise<() => Promise<void>> {
    return async () => undefined;
  }
}
