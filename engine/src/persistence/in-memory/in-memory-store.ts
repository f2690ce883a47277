/**
 * In-memory adapter of the persistence port, for engine unit tests. Transactions are
 * serialized by one mutex and work on copies, so a throwing command leaves nothing behind
 * (the same all-or-nothing contract as the PostgreSQL adapter).
 */
import type { ChangeSet, TableChanges } from '../change-set';
import type { InstanceSnapshot, InstanceTarget, NewDeployment, PersistencePort, StoreReads, StoreTransaction, SubscriptionQuery, TaskFilter } from '../port';
import type { ExternalTaskPort, JobPort } from '../job-port';
import { InMemoryExternalTasks, InMemoryJobs } from './in-memory-jobs';
import { StaleDefinitionError, StaleInstanceError } from '../../errors';
import type {
  EventSubscriptionRecord, ExternalTaskRecord, JobRecord, DeploymentRecord, HistoricActivityInstanceRecord, HistoricProcessInstanceRecord, HistoricTaskRecord, HistoricVariableRecord,
  IncidentRecord, InstanceRecord, ProcessDefinitionRecord, ResourceRecord, TaskRecord, VariableRecord, VariableUpdateRecord,
} from '../records';
import type { UserOperationLogRecord } from '../user-operation-record';

/** The store's tables (shared with the in-memory job ports). */
export interface Tables {
  deployments: Map<string, DeploymentRecord>;
  resources: Map<string, ResourceRecord>;
  definitions: Map<string, ProcessDefinitionRecord>;
  instances: Map<string, InstanceRecord>;
  variables: Map<string, VariableRecord>;
  tasks: Map<string, TaskRecord>;
  incidents: Map<string, IncidentRecord>;
  jobs: Map<string, JobRecord>;
  externalTasks: Map<string, ExternalTaskRecord>;
  eventSubscriptions: Map<string, EventSubscriptionRecord>;
  hProcesses: Map<string, HistoricProcessInstanceRecord>;
  hActivities: Map<string, HistoricActivityInstanceRecord>;
  hTasks: Map<string, HistoricTaskRecord>;
  hVariables: Map<string, HistoricVariableRecord>;
  hVariableUpdates: Map<string, VariableUpdateRecord>;
  userOperations: Map<string, UserOperationLogRecord>;
}

function emptyTables(): Tables {
  return {
    deployments: new Map(), resources: new Map(), definitions: new Map(), instances: new Map(), variables: new Map(),
    tasks: new Map(), incidents: new Map(), jobs: new Map(), externalTasks: new Map(), eventSubscriptions: new Map(), hProcesses: new Map(), hActivities: new Map(), hTasks: new Map(),
    hVariables: new Map(), hVariableUpdates: new Map(), userOperations: new Map(),
  };
}

/** The in-memory store; `clock` decides which jobs are due (tests advance it). */
export class InMemoryStore implements PersistencePort {
  private data = emptyTables();
  private queue: Promise<unknown> = Promise.resolve();
  readonly reads: StoreReads = new InMemoryReads(() => this.data);
  readonly jobs: JobPort;
  readonly externalTasks: ExternalTaskPort;

  constructor(readonly clock: () => Date = () => new Date()) {
    const withTables = <T>(work: (t: Tables) => T) => this.exclusive(work);
    this.jobs = new InMemoryJobs(withTables, clock);
    this.externalTasks = new InMemoryExternalTasks(withTables, clock);
  }

  async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const copy = structuredClone(this.data);
      const result = await work(new InMemoryTransaction(copy));
      this.data = copy;
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {}

  /** The user operation log entries written so far (tests). */
  userOperations(): UserOperationLogRecord[] {
    return [...this.data.userOperations.values()];
  }

  /** Runs `work` on the live tables, serialized with transactions. */
  private exclusive<T>(work: (t: Tables) => T): Promise<T> {
    const run = this.queue.then(() => work(this.data));
    this.queue = run.catch(() => undefined);
    return run;
  }
}

class InMemoryTransaction implements StoreTransaction {
  constructor(private readonly t: Tables) {}

  async lockDefinitionKeys(): Promise<void> {}

  expectLatestStartable(definition: Pick<ProcessDefinitionRecord, 'id' | 'key'>): void {
    // Transactions are serialized, so checking now is as good as checking at commit.
    let latest: ProcessDefinitionRecord | undefined;
    for (const d of this.t.definitions.values()) if (d.key === definition.key && (!latest || d.version > latest.version)) latest = d;
    if (latest?.id !== definition.id || latest.suspended) throw new StaleDefinitionError(definition.id, definition.key);
  }

  expectRevision(instanceId: string, revision: number): void {
    if (this.t.instances.get(instanceId)?.revision !== revision) throw new StaleInstanceError(instanceId, revision);
  }

  async setDefinitionsSuspended(ids: readonly string[], suspended: boolean): Promise<void> {
    for (const id of ids) {
      const d = this.t.definitions.get(id);
      if (d) this.t.definitions.set(id, { ...d, suspended });
    }
    for (const [id, job] of this.t.jobs) if (ids.includes(job.definitionId) && !job.instanceId) this.t.jobs.set(id, { ...job, suspended });
  }

  async latestVersions(keys: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const d of this.t.definitions.values()) {
      if (keys.includes(d.key)) out.set(d.key, Math.max(out.get(d.key) ?? 0, d.version));
    }
    return out;
  }

  async latestResourcesOfDeploymentName(name: string) {
    const latest = [...this.t.deployments.values()].filter((d) => d.name === name).sort((a, b) => +b.deploymentTime - +a.deploymentTime)[0];
    if (!latest) return null;
    return { deployment: latest, resources: [...this.t.resources.values()].filter((r) => r.deploymentId === latest.id) };
  }

  async insertDeployment(d: NewDeployment): Promise<void> {
    this.t.deployments.set(d.deployment.id, d.deployment);
    for (const r of d.resources) this.t.resources.set(r.id, r);
    for (const def of d.definitions) this.t.definitions.set(def.id, def);
    const keys = new Set(d.definitions.map((def) => def.key));
    for (const [id, job] of this.t.jobs) if (job.handlerType === 'timer-start-event' && keys.has(job.definitionKey)) this.t.jobs.delete(id);
    for (const job of d.timerStartJobs) this.t.jobs.set(job.id, structuredClone(job));
    for (const [id, s] of this.t.eventSubscriptions) if (s.instanceId === null && keys.has(s.definitionKey)) this.t.eventSubscriptions.delete(id);
    for (const s of d.startSubscriptions) this.t.eventSubscriptions.set(s.id, s);
  }

  async replaceStartTriggers(key: string, jobs: readonly JobRecord[], subscriptions: readonly EventSubscriptionRecord[]): Promise<void> {
    for (const [id, job] of this.t.jobs) if (job.handlerType === 'timer-start-event' && job.definitionKey === key) this.t.jobs.delete(id);
    for (const [id, s] of this.t.eventSubscriptions) if (s.instanceId === null && s.definitionKey === key) this.t.eventSubscriptions.delete(id);
    for (const job of jobs) this.t.jobs.set(job.id, structuredClone(job));
    for (const s of subscriptions) this.t.eventSubscriptions.set(s.id, s);
  }

  async findEventSubscriptions(q: SubscriptionQuery): Promise<EventSubscriptionRecord[]> {
    return [...this.t.eventSubscriptions.values()].filter((s) => {
      if (s.eventType !== q.eventType || s.eventName !== q.eventName) return false;
      if (q.createdBefore && s.created > q.createdBefore) return false;
      if (q.tenantId !== undefined && s.tenantId !== q.tenantId) return false;
      if (s.instanceId === null) return q.includeStarts === true && !q.instanceId && !q.executionId;
      if (q.instanceId && s.instanceId !== q.instanceId) return false;
      if (q.executionId && s.tokenId !== q.executionId && s.scopeInstanceId !== q.executionId) return false;
      return !q.businessKey || this.t.instances.get(s.instanceId)?.businessKey === q.businessKey;
    });
  }

  async lockInstance(target: InstanceTarget): Promise<InstanceSnapshot | null> {
    const instanceId = typeof target === 'string' ? target : this.ownerOf(target);
    const instance = instanceId === undefined ? undefined : this.t.instances.get(instanceId);
    if (!instance) return null;
    const of = <T extends { instanceId: string }>(m: Map<string, T>) => [...m.values()].filter((r) => r.instanceId === instanceId);
    return {
      instance, variables: of(this.t.variables), tasks: of(this.t.tasks), incidents: of(this.t.incidents),
      jobs: [...this.t.jobs.values()].filter((j) => j.instanceId === instanceId), externalTasks: of(this.t.externalTasks),
      eventSubscriptions: [...this.t.eventSubscriptions.values()].filter((s) => s.instanceId === instanceId),
    };
  }

  async getJob(jobId: string): Promise<JobRecord | null> {
    return structuredClone(this.t.jobs.get(jobId) ?? null);
  }

  async lockJob(jobId: string): Promise<JobRecord | null> {
    return this.getJob(jobId);
  }

  private ownerOf(target: Exclude<InstanceTarget, string>): string | undefined {
    const rows = { task: this.t.tasks, externalTask: this.t.externalTasks, incident: this.t.incidents }[target.owner];
    return rows.get(target.id)?.instanceId;
  }

  async flush(c: ChangeSet): Promise<void> {
    if (c.instance?.kind === 'delete') {
      const id = c.instance.record.id;
      this.t.instances.delete(id);
      const tables = [this.t.variables, this.t.tasks, this.t.incidents, this.t.jobs, this.t.externalTasks, this.t.eventSubscriptions];
      for (const m of tables as Map<string, { instanceId: string | null }>[]) {
        for (const [k, v] of m) if (v.instanceId === id) m.delete(k);
      }
      apply(this.t.jobs, c.jobs);
    } else {
      if (c.instance) this.t.instances.set(c.instance.record.id, structuredClone(c.instance.record));
      apply(this.t.variables, c.variables);
      apply(this.t.tasks, c.tasks);
      apply(this.t.incidents, c.incidents);
      apply(this.t.jobs, c.jobs);
      apply(this.t.externalTasks, c.externalTasks);
      apply(this.t.eventSubscriptions, c.eventSubscriptions);
    }
    const h = c.history;
    for (const r of h.processInstanceInserts) this.t.hProcesses.set(r.id, { ...r });
    for (const u of h.processInstanceUpdates) patch(this.t.hProcesses, u);
    for (const r of h.activityInserts) this.t.hActivities.set(r.id, { ...r });
    for (const u of h.activityUpdates) patch(this.t.hActivities, u);
    for (const r of h.taskInserts) this.t.hTasks.set(r.id, { ...r });
    for (const u of h.taskUpdates) patch(this.t.hTasks, u);
    for (const r of h.variableUpserts) {
      const old = this.t.hVariables.get(r.id);
      this.t.hVariables.set(r.id, old ? { ...old, type: r.type, value: r.value, state: r.state } : { ...r });
    }
    for (const r of h.variableUpdates) this.t.hVariableUpdates.set(r.id, r);
    for (const r of c.userOperations ?? []) this.t.userOperations.set(r.id, r);
  }
}

function apply<T extends { id: string }>(table: Map<string, T>, changes: TableChanges<T>): void {
  for (const row of changes.inserted.values()) table.set(row.id, structuredClone(row));
  for (const row of changes.updated.values()) table.set(row.id, structuredClone(row));
  for (const id of changes.deleted) table.delete(id);
}

function patch<T extends { id: string }>(table: Map<string, T>, update: Partial<T> & { id: string }): void {
  const row = table.get(update.id);
  if (row) table.set(update.id, { ...row, ...update });
}

class InMemoryReads implements StoreReads {
  constructor(private readonly t: () => Tables) {}

  async getDefinition(id: string) {
    return this.t().definitions.get(id) ?? null;
  }
  async latestDefinitionByKey(key: string) {
    return [...this.t().definitions.values()].filter((d) => d.key === key).sort((a, b) => b.version - a.version)[0] ?? null;
  }
  async definitionsByKey(key: string) {
    return [...this.t().definitions.values()].filter((d) => d.key === key).sort((a, b) => b.version - a.version);
  }
  async getResource(deploymentId: string, name: string) {
    return [...this.t().resources.values()].find((r) => r.deploymentId === deploymentId && r.name === name) ?? null;
  }
  async getDeployment(id: string) {
    return this.t().deployments.get(id) ?? null;
  }
  async definitionsOfDeployment(deploymentId: string) {
    return [...this.t().definitions.values()].filter((d) => d.deploymentId === deploymentId);
  }
  async getInstance(id: string) {
    return structuredClone(this.t().instances.get(id) ?? null);
  }
  async findTasks(f: TaskFilter) {
    return [...this.t().tasks.values()].filter(
      (t) =>
        (!f.processInstanceId || t.instanceId === f.processInstanceId) &&
        (!f.assignee || t.assignee === f.assignee) &&
        (!f.taskDefinitionKey || t.taskDefinitionKey === f.taskDefinitionKey) &&
        (!f.candidateGroup || t.candidateGroups.includes(f.candidateGroup)) &&
        (!f.candidateUser || t.candidateUsers.includes(f.candidateUser)),
    ).sort((a, b) => +a.created - +b.created);
  }
  async getTask(id: string) {
    return this.t().tasks.get(id) ?? null;
  }
  async instanceVariables(instanceId: string) {
    return [...this.t().variables.values()].filter((v) => v.instanceId === instanceId);
  }
  async incidentsOfInstance(instanceId: string) {
    return [...this.t().incidents.values()].filter((i) => i.instanceId === instanceId);
  }
  async historicProcessInstance(id: string) {
    return this.t().hProcesses.get(id) ?? null;
  }
  async historicActivityInstances(instanceId: string) {
    return [...this.t().hActivities.values()].filter((a) => a.instanceId === instanceId).sort((a, b) => a.sequence - b.sequence);
  }
  async historicTasks(instanceId: string) {
    return [...this.t().hTasks.values()].filter((a) => a.instanceId === instanceId);
  }
  async getJob(id: string) {
    return structuredClone(this.t().jobs.get(id) ?? null);
  }
  async jobsOfInstance(instanceId: string) {
    return [...this.t().jobs.values()].filter((j) => j.instanceId === instanceId).map((j) => structuredClone(j));
  }
  async getExternalTask(id: string) {
    return structuredClone(this.t().externalTasks.get(id) ?? null);
  }
  async eventSubscriptionsOfInstance(instanceId: string) {
    return [...this.t().eventSubscriptions.values()].filter((s) => s.instanceId === instanceId);
  }
  async externalTasksOfInstance(instanceId: string) {
    return [...this.t().externalTasks.values()].filter((j) => j.instanceId === instanceId).map((j) => structuredClone(j));
  }
}
