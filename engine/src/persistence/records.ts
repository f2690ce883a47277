/**
 * Rows as the engine reads and writes them through the persistence port. Runtime rows
 * (instance, variable, task, incident) leave when their instance ends; history rows stay.
 */
import type { VariableType } from '../variables/typed-value';

/** A deployment: one or more resources deployed together. */
export interface DeploymentRecord {
  readonly id: string;
  readonly name: string | null;
  readonly source: string | null;
  readonly deploymentTime: Date;
  readonly tenantId: string | null;
}

/** A deployed file (BPMN XML, a form, …). */
export interface ResourceRecord {
  readonly id: string;
  readonly deploymentId: string;
  readonly name: string;
  readonly content: string;
  /** sha256 of the content, for deploy-changed-only. */
  readonly hash: string;
}

/** One version of one process (`bpmn:process`) of a deployed resource. */
export interface ProcessDefinitionRecord {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly versionTag: string | null;
  readonly name: string | null;
  readonly deploymentId: string;
  readonly resourceName: string;
  readonly isExecutable: boolean;
  readonly suspended: boolean;
  readonly tenantId: string | null;
  /** From the model: `camunda:isStartableInTasklist` and the candidate starters (see ExecutableProcess). */
  readonly startableInTasklist: boolean;
  readonly candidateStarterUsers: readonly string[];
  readonly candidateStarterGroups: readonly string[];
}

/** Where a token rests between commands; `ready` tokens exist only inside a command. */
export type TokenStatus = 'ready' | 'waiting' | 'incident';

/** A token: a position in the process graph. */
export interface TokenRecord {
  id: string;
  elementId: string;
  /** The scope instance it lives in: the process instance id or a sub-process scope id. */
  scopeInstanceId: string;
  status: TokenStatus;
  activityInstanceId: string;
  /** The sequence flow it arrived by (joins count them); null at a start event. */
  flowId: string | null;
  /** Set while the token waits for an async continuation job (before entering / after leaving). */
  async?: 'before' | 'after';
  /** Call activities: the process instance the token waits for. */
  calledInstanceId?: string;
  /** Compensation handlers: the id of the compensation throw event's token that waits for them. */
  compensationOf?: string;
}

/**
 * A compensation subscription: an activity with a compensation boundary event completed (its
 * handler runs when compensation is thrown in that scope instance), or a completed sub-process
 * scope instance that holds subscriptions (compensated by compensating what it holds).
 */
export interface CompensationRecord {
  id: string;
  /** The completed activity (or sub-process). */
  activityId: string;
  /** The scope instance it completed in. */
  scopeInstanceId: string;
  /** The handler activity; null for a completed sub-process. */
  handlerId: string | null;
  /** Completed sub-processes: their (ended) scope instance, whose subscriptions they hold. */
  childScopeInstanceId: string | null;
}

/** A live embedded sub-process instance; its id is the host activity instance id. */
export interface ScopeRecord {
  id: string;
  elementId: string;
  parentScopeInstanceId: string;
  hostTokenId: string;
  /** The local variable scope of an activity with camunda:inputOutput (runtime/activity-scope.ts). */
  ioScope?: true;
}

/** Runtime state of one process instance; `tokens` and `scopes` are stored as jsonb. */
export interface InstanceRecord {
  readonly id: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly businessKey: string | null;
  readonly rootInstanceId: string;
  readonly superInstanceId: string | null;
  readonly startTime: Date;
  readonly tenantId: string | null;
  suspended: boolean;
  tokens: TokenRecord[];
  scopes: ScopeRecord[];
  /** Compensation subscriptions in completion order (absent until the first one). */
  compensations?: CompensationRecord[];
  /** The first BPMN error nothing caught: becomes the history delete reason when the instance completes. */
  uncaughtError?: string;
  /** Counter that orders activity instances within the instance (history listings). */
  nextSequence: number;
  /** Incremented by every command that changes the instance (for ETags and sanity checks). */
  revision: number;
  /** Instances called by call activities: how many calls deep below the root (absent = 0). */
  readonly callDepth?: number;
}

/** A variable; `scopeId` is the instance id, a sub-process scope id or a task id. */
export interface VariableRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly scopeId: string;
  readonly name: string;
  type: VariableType;
  value: unknown;
  revision: number;
}

/** An open user task. */
export interface TaskRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly tokenId: string;
  readonly activityInstanceId: string;
  readonly taskDefinitionKey: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  readonly created: Date;
  due: Date | null;
  followUp: Date | null;
  priority: number;
  formKey: string | null;
  /** Camunda Form reference (`camunda:formRef`), as Camunda's TaskDto.camundaFormRef. */
  readonly formRef: { key: string; binding: string; version: string | null } | null;
  readonly businessKey: string | null;
  suspended: boolean;
  /** Camunda's delegation state: PENDING while a delegate works on it, RESOLVED after. */
  delegationState: 'PENDING' | 'RESOLVED' | null;
}

/** A runtime incident: a token that could not move on, and why. */
export interface IncidentRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly definitionId: string;
  readonly activityId: string;
  readonly tokenId: string;
  readonly incidentType: string;
  readonly errorCode: string;
  readonly message: string;
  readonly timestamp: Date;
  /** failedJob: the job id; failedExternalTask: the external task id; else null. */
  readonly configuration?: string | null;
  /** A note people attach to the incident (Camunda's annotation). */
  readonly annotation?: string | null;
}

/** History of a process instance (one row per instance, updated when it ends). */
export interface HistoricProcessInstanceRecord {
  readonly id: string;
  readonly businessKey: string | null;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly definitionName: string | null;
  readonly definitionVersion: number;
  readonly startTime: Date;
  endTime: Date | null;
  startActivityId: string | null;
  endActivityId: string | null;
  state: 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';
  readonly rootInstanceId: string;
  readonly superInstanceId: string | null;
  deleteReason: string | null;
  readonly tenantId: string | null;
  /** The user who started it (REST: the authenticated user), null for timers, messages without a user and the job executor. */
  readonly startUserId: string | null;
}

/** History of one activity instance (a token's stay at one element). */
export interface HistoricActivityInstanceRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly definitionId: string;
  readonly activityId: string;
  readonly activityName: string | null;
  readonly activityType: string;
  readonly parentActivityInstanceId: string;
  taskId: string | null;
  readonly startTime: Date;
  endTime: Date | null;
  canceled: boolean;
  /** Ordering within an instance (start order), for stable history listings. */
  readonly sequence: number;
  /** Call activities: the process instance it called. */
  calledInstanceId?: string | null;
}

/** History of a user task. */
export interface HistoricTaskRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly taskDefinitionKey: string;
  readonly activityInstanceId: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  readonly startTime: Date;
  endTime: Date | null;
  due: Date | null;
  followUp: Date | null;
  priority: number;
  deleteReason: string | null;
}

/** History of a variable: its latest value, kept after the instance ends. */
export interface HistoricVariableRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly scopeId: string;
  readonly name: string;
  type: VariableType;
  value: unknown;
  readonly createTime: Date;
  state: 'CREATED' | 'DELETED';
}

/** One variable update (Camunda's historic detail). */
export interface VariableUpdateRecord {
  readonly id: string;
  readonly variableId: string;
  readonly instanceId: string;
  readonly name: string;
  readonly type: VariableType;
  readonly value: unknown;
  readonly time: Date;
  readonly revision: number;
}

/** Camunda 7 job handler types (job definitions report them as `jobType`). */
export type JobHandlerType =
  | 'async-continuation'
  | 'timer-intermediate-transition'
  | 'timer-transition'
  | 'timer-start-event'
  | 'timer-start-event-subprocess'
  /** Delivers a signal thrown by a process to the other instances and start events (an outbox). */
  | 'signal-broadcast'
  | 'timer-task-listener';

/** Timer state kept on a timer job: the evaluated definition and, for cycles, what remains. */
export interface TimerState {
  readonly kind: 'date' | 'duration' | 'cycle';
  /** The evaluated definition (ISO 8601 date, duration, repeating interval or cron expression). */
  readonly expression: string;
  /** Cycles: firings left after this one (null = unbounded). */
  readonly remaining: number | null;
}

/**
 * A job: work that runs later or elsewhere (async continuation, timer). Rows of an instance
 * leave with it; timer start jobs belong to a definition (instanceId null).
 */
export interface JobRecord {
  readonly id: string;
  readonly instanceId: string | null;
  readonly definitionId: string;
  readonly definitionKey: string;
  /** The element the job continues or fires (boundary timers: the boundary event). */
  readonly elementId: string;
  /** The token the job belongs to (boundary timers: the host activity's token). */
  readonly tokenId: string | null;
  readonly handlerType: JobHandlerType;
  /** 'async-before' / 'async-after' for continuations; the event id for timers. */
  readonly handlerConfig: string;
  /** Handler data: flows an async-after continuation takes, timer state, scope of an event sub-process. */
  readonly payload: JobPayload;
  dueAt: Date;
  retries: number;
  /** Evaluated camunda:failedJobRetryTimeCycle, or null for the default (3 tries, no delay). */
  readonly retryCycle: string | null;
  priority: number;
  readonly exclusive: boolean;
  suspended: boolean;
  lockOwner: string | null;
  lockExpiresAt: Date | null;
  exceptionMessage: string | null;
  exceptionStacktrace: string | null;
  readonly created: Date;
  readonly tenantId: string | null;
}

/** Handler data of a job. */
export interface JobPayload {
  readonly flowIds?: readonly string[];
  readonly timer?: TimerState;
  /** Event sub-process timers: the scope instance they start in. */
  readonly scopeInstanceId?: string;
  /** Signal broadcasts: the signal, when it was thrown, and the instance that already got it. */
  readonly signal?: { readonly name: string; readonly thrownAt: string; readonly sourceInstanceId: string };
  /** Timeout task listeners: the task whose listener the timer fires. */
  readonly taskId?: string;
}

/** Kinds of event a process waits for by subscription. */
export type EventSubscriptionType = 'message' | 'signal';

/**
 * A subscription: something waits for a message or signal by name. Catch events, receive
 * tasks and event-based gateways subscribe for their waiting token; boundary events for their
 * host token; event sub-process start events for their scope instance; message and signal
 * start events for their (latest) definition, without an instance.
 */
export interface EventSubscriptionRecord {
  readonly id: string;
  readonly eventType: EventSubscriptionType;
  /** The evaluated message or signal name. */
  readonly eventName: string;
  /** Null for start events of a definition. */
  readonly instanceId: string | null;
  /** The root of the instance's call tree (instances are locked root first); null for start events. */
  readonly rootInstanceId: string | null;
  readonly definitionId: string;
  readonly definitionKey: string;
  /** The catching element: catch event, receive task, boundary event, or (event sub-process) start event. */
  readonly activityId: string;
  /** The waiting token (event-based gateways: the gateway's token; boundary events: the host's). */
  readonly tokenId: string | null;
  /** Event sub-process start events: the scope instance they start in. */
  readonly scopeInstanceId: string | null;
  readonly created: Date;
  readonly tenantId: string | null;
}

/** An external task: a service/send/business rule task or message event worked by a client. */
export interface ExternalTaskRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly definitionId: string;
  readonly definitionKey: string;
  readonly activityId: string;
  readonly activityInstanceId: string;
  readonly tokenId: string;
  readonly topicName: string;
  readonly businessKey: string | null;
  workerId: string | null;
  lockExpiresAt: Date | null;
  /** Null until a worker reports a failure (Camunda: retries not set). */
  retries: number | null;
  errorMessage: string | null;
  errorDetails: string | null;
  priority: number;
  suspended: boolean;
  readonly created: Date;
  readonly tenantId: string | null;
}
