/** Camunda's ExternalTaskDto and LockedExternalTaskDto. */
import { formatCamundaDate, type ExternalTaskRecord, type LockedExternalTask } from '@baton/engine';
import { variablesDto } from '../process-instance/instance-dto';

/** → Camunda 7 ExternalTaskDto. */
export function externalTaskDto(t: ExternalTaskRecord) {
  return {
    activityId: t.activityId, activityInstanceId: t.activityInstanceId, errorMessage: t.errorMessage, executionId: t.tokenId,
    id: t.id, lockExpirationTime: t.lockExpiresAt ? formatCamundaDate(t.lockExpiresAt) : null, processDefinitionId: t.definitionId,
    processDefinitionKey: t.definitionKey, processDefinitionVersionTag: null, processInstanceId: t.instanceId, retries: t.retries,
    suspended: t.suspended, workerId: t.workerId, topicName: t.topicName, tenantId: t.tenantId, priority: t.priority,
    businessKey: t.businessKey, createTime: formatCamundaDate(t.created),
  };
}

/** → Camunda 7 LockedExternalTaskDto (with variables and errorDetails). */
export function lockedExternalTaskDto(l: LockedExternalTask) {
  const { createTime: _createTime, ...base } = externalTaskDto(l.task);
  return { ...base, errorDetails: l.task.errorDetails, variables: variablesDto(l.variables), extensionProperties: l.extensionProperties };
}
