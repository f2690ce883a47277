/**
 * The persistence port: all the engine needs from a database. The PostgreSQL adapter
 * (engine/postgres) and the in-memory adapter (persistence/in-memory) implement it.
 * Commands run inside `transaction`; everything they write reaches the store through one
 * `flush` of a ChangeSet, so an adapter can batch it.
 */
import type { ChangeSet } from './change-set';
import type {
  DeploymentRecord, EventSubscriptionRecord, EventSubscriptionType, ExternalTaskRecord, HistoricActivityInstanceRecord, HistoricProcessInstanceRecord, HistoricTaskRecord,
  IncidentRecord, InstanceRecord, JobRecord, ProcessDefinitionRecord, ResourceRecord, TaskRecord, VariableRecord,
} from './records';
import type { JobPort, ExternalTaskPort } from './job-port';

/** Everything loaded for one command on one process instance (the working set). */
export interface InstanceSnapshot {
  readonly instance: InstanceRecord;
  readonly variables: readonly VariableRecord[];
  readonly tasks: readonly TaskRecord[];
  readonly incidents: readonly IncidentRecord[];
  readonly jobs: readonly JobRecord[];
  readonly externalTasks: readonly ExternalTaskRecord[];
  readonly eventSubscriptions: readonly EventSubscriptionRecord[];
}

/** Which subscriptions a correlation or signal looks at (before locking the instances). */
export interface SubscriptionQuery {
  readonly eventType: EventSubscriptionType;
  readonly eventName: string;
  /** Only subscriptions of this instance (start event subscriptions never match). */
  readonly instanceId?: string;
  /** Only subscriptions of instances with this business key (start event subscriptions still match). */
  readonly businessKey?: string;
  /** Only subscriptions of this token or scope instance (Camunda's execution id). */
  readonly executionId?: string;
  /** Include start event subscriptions of definitions (default: instances only). */
  readonly includeStarts?: boolean;
  /** Only subscriptions created at or before this time (signal broadcasts). */
  readonly createdBefore?: Date;
  readonly tenantId?: string | null;
}

/** A new deployment with its resources and process definitions. */
export interface NewDeployment {
  readonly deployment: DeploymentRecord;
  readonly resources: readonly ResourceRecord[];
  readonly definitions: readonly ProcessDefinitionRecord[];
  /** Timer start jobs of the new definitions; those of older versions of the same keys are removed. */
  readonly timerStartJobs: readonly JobRecord[];
  /** Message and signal start subscriptions of the new definitions; those of older versions of the same keys are removed. */
  readonly startSubscriptions: readonly EventSubscriptionRecord[];
}

/** Operations available inside one transaction. */
export interface StoreTransaction {
  /** Serializes deployments of the same keys (version numbers must not collide). */
  lockDefinitionKeys(keys: readonly string[]): Promise<void>;
  /** Suspends or activates definitions and their instance-less jobs (timer starts). */
  setDefinitionsSuspended(ids: readonly string[], suspended: boolean): Promise<void>;
  /** Highest deployed version per key (0 when none). */
  latestVersions(keys: readonly string[]): Promise<Map<string, number>>;
  /** For deploy-changed-only: the latest resources of the latest deployment with this name. */
  latestResourcesOfDeploymentName(name: string): Promise<{ deployment: DeploymentRecord; resources: ResourceRecord[] } | null>;
  insertDeployment(d: NewDeployment): Promise<void>;
  /**
   * Locks the instance row (waits for other commands on it) and loads its working set. An
   * instance called by a call activity locks its root instance first: every command on one
   * tree of called instances serializes on the root, so cross-instance commands cannot deadlock.
   * A command that locks instances of several trees (a signal broadcast) must lock them in
   * root instance id order.
   */
  lockInstance(target: InstanceTarget): Promise<InstanceSnapshot | null>;
  /** A job as stored (no lock). */
  getJob(jobId: string): Promise<JobRecord | null>;
  /** A job row locked for this transaction (timer start jobs, which have no instance to lock). */
  lockJob(jobId: string): Promise<JobRecord | null>;
  /** Replaces a key's timer start jobs and start subscriptions (its latest version was deleted; the one now latest takes over). */
  replaceStartTriggers(key: string, timerStartJobs: readonly JobRecord[], subscriptions: readonly EventSubscriptionRecord[]): Promise<void>;
  /** Subscriptions matching a query, unlocked: candidates that the command re-checks under the instance lock. */
  findEventSubscriptions(query: SubscriptionQuery): Promise<EventSubscriptionRecord[]>;
  /** Writes a command's changes. */
  flush(changes: ChangeSet): Promise<void>;
  /**
   * Fails the transaction with StaleDefinitionError, at the latest when it commits, unless
   * `definition` is still the highest version of its key and not suspended. Why "at the
   * latest": the PostgreSQL adapter sends the check with the flush, so that a start on a cached
   * latest version needs no lookup round trip.
   */
  expectLatestStartable(definition: Pick<ProcessDefinitionRecord, 'id' | 'key'>): void;
  /**
   * Locks a root instance like lockInstance, without loading it, and fails the transaction
   * with StaleInstanceError, at the latest when it commits, unless its stored revision is
   * `revision`: a command on a cached working set (see runtime/instance-cache.ts). Why "at the
   * latest": the PostgreSQL adapter sends the check with the flush, one round trip in all.
   */
  expectRevision(instanceId: string, revision: number): void;
}

/**
 * The instance a command locks: by id, or as the owner of a task, external task or incident
 * (one round trip instead of a lookup before the lock; null when the row does not exist).
 */
export type InstanceTarget = string | { readonly owner: 'task' | 'externalTask' | 'incident'; readonly id: string };

/** Simple filter for engine-level reads (the REST API has richer queries in the adapter). */
export interface TaskFilter {
  readonly processInstanceId?: string;
  readonly assignee?: string;
  readonly candidateGroup?: string;
  readonly candidateUser?: string;
  readonly taskDefinitionKey?: string;
}

/** Reads the engine itself needs (definitions, resources) and that engine tests use. */
export interface StoreReads {
  getDefinition(id: string): Promise<ProcessDefinitionRecord | null>;
  latestDefinitionByKey(key: string): Promise<ProcessDefinitionRecord | null>;
  /** Every version of a key, newest first (call activity bindings). */
  definitionsByKey(key: string): Promise<ProcessDefinitionRecord[]>;
  getResource(deploymentId: string, name: string): Promise<ResourceRecord | null>;
  getDeployment(id: string): Promise<DeploymentRecord | null>;
  definitionsOfDeployment(deploymentId: string): Promise<ProcessDefinitionRecord[]>;
  getInstance(id: string): Promise<InstanceRecord | null>;
  findTasks(filter: TaskFilter): Promise<TaskRecord[]>;
  getTask(id: string): Promise<TaskRecord | null>;
  /** Variables of an instance, all scopes. */
  instanceVariables(instanceId: string): Promise<VariableRecord[]>;
  incidentsOfInstance(instanceId: string): Promise<IncidentRecord[]>;
  historicProcessInstance(id: string): Promise<HistoricProcessInstanceRecord | null>;
  /** Activity instances of an instance in start order. */
  historicActivityInstances(instanceId: string): Promise<HistoricActivityInstanceRecord[]>;
  historicTasks(instanceId: string): Promise<HistoricTaskRecord[]>;
  getJob(id: string): Promise<JobRecord | null>;
  jobsOfInstance(instanceId: string): Promise<JobRecord[]>;
  getExternalTask(id: string): Promise<ExternalTaskRecord | null>;
  externalTasksOfInstance(instanceId: string): Promise<ExternalTaskRecord[]>;
  eventSubscriptionsOfInstance(instanceId: string): Promise<EventSubscriptionRecord[]>;
}

/** The port. */
export interface PersistencePort {
  /** Runs `work` in one database transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  readonly reads: StoreReads;
  /** Job acquisition (the job executor's side of the store). */
  readonly jobs: JobPort;
  /** External task locking for fetchAndLock and friends. */
  readonly externalTasks: ExternalTaskPort;
  /** The store's notion of now (Postgres: database time), used as the engine's default clock. */
  readonly clock?: () => Date;
  close(): Promise<void>;
}
