/** Camunda's JobDto, and the deterministic job definition id Baton derives per element and job kind. */
import { createHash } from 'node:crypto';
import { formatCamundaDate, type JobRecord } from '@baton/engine';

/** Job definitions are not stored: their id is derived from definition, element and job kind. */
export function jobDefinitionId(definitionId: string, elementId: string, handlerType: string, handlerConfig: string): string {
  return createHash('sha256').update(`${definitionId}\u0000${elementId}\u0000${handlerType}\u0000${handlerConfig}`).digest('hex').slice(0, 32);
}

/** → Camunda 7 JobDto. */
export function jobDto(j: JobRecord) {
  return {
    id: j.id, jobDefinitionId: jobDefinitionId(j.definitionId, j.elementId, j.handlerType, j.handlerConfig),
    processInstanceId: j.instanceId, processDefinitionId: j.definitionId, processDefinitionKey: j.definitionKey,
    executionId: j.tokenId, exceptionMessage: j.exceptionMessage, failedActivityId: j.exceptionMessage ? j.elementId : null,
    retries: j.retries, dueDate: formatCamundaDate(j.dueAt), suspended: j.suspended, priority: j.priority, tenantId: j.tenantId,
    createTime: formatCamundaDate(j.created), batchId: null,
  };
}
