/** Camunda's UserOperationLogEntryDto. */
import { formatCamundaDate, type UserOperationLogRecord } from '@baton/engine';

/** → UserOperationLogEntryDto (case fields are always null: Baton has no CMMN). */
export function userOperationDto(e: UserOperationLogRecord) {
  return {
    id: e.id, deploymentId: e.deploymentId, processDefinitionId: e.processDefinitionId, processDefinitionKey: e.processDefinitionKey,
    processInstanceId: e.processInstanceId, executionId: e.executionId, caseDefinitionId: null, caseInstanceId: null, caseExecutionId: null,
    taskId: e.taskId, jobId: e.jobId, jobDefinitionId: e.jobDefinitionId, batchId: e.batchId, userId: e.userId,
    timestamp: formatCamundaDate(e.timestamp), operationId: e.operationId, externalTaskId: e.externalTaskId,
    operationType: e.operationType, entityType: e.entityType, property: e.property, orgValue: e.orgValue, newValue: e.newValue,
    removalTime: null, rootProcessInstanceId: e.rootProcessInstanceId, category: e.category, annotation: e.annotation,
  };
}
