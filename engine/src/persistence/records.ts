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
}

/** A live embedded sub-process instance; its id is the host activity instance id. */
export interface ScopeRecord {
  id: string;
  elementId: string;
  parentScopeInstanceId: string;
  hostTokenId: string;
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
  /** Counter that orders activity instances within the instance (history listings). */
  nextSequence: number;
  /** Incremented by every command that changes the instance (for ETags and sanity checks). */
  revision: number;
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
