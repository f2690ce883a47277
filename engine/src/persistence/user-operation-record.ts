/**
 * One row of the user operation log ("who did what"), Camunda's UserOperationLogEntry: one
 * entry per changed property; the entries of one operation share `operationId`.
 */

/** A user operation log entry. */
export interface UserOperationLogRecord {
  readonly id: string;
  readonly operationId: string;
  /** Camunda's operation type, e.g. Claim, Assign, Complete, Create, Delete, Suspend, SetJobRetries. */
  readonly operationType: string;
  /** Camunda's entity type, e.g. Task, ProcessInstance, ProcessDefinition, Deployment, Job, Variable. */
  readonly entityType: string;
  /** Operator, TaskWorker or Admin. */
  readonly category: string;
  readonly property: string | null;
  readonly orgValue: string | null;
  readonly newValue: string | null;
  readonly userId: string;
  readonly timestamp: Date;
  readonly deploymentId: string | null;
  readonly processDefinitionId: string | null;
  readonly processDefinitionKey: string | null;
  readonly processInstanceId: string | null;
  readonly rootProcessInstanceId: string | null;
  readonly executionId: string | null;
  readonly taskId: string | null;
  readonly jobId: string | null;
  readonly jobDefinitionId: string | null;
  readonly externalTaskId: string | null;
  readonly batchId: string | null;
  readonly annotation: string | null;
}
