/** Camunda's TaskDto. */
import { formatCamundaDate, type TaskRecord } from '@baton/engine';

const date = (d: Date | null) => (d ? formatCamundaDate(d) : null);

/** Task record → Camunda 7 TaskDto. */
export function taskDto(t: TaskRecord) {
  return {
    id: t.id, name: t.name, assignee: t.assignee, owner: t.owner, created: date(t.created), lastUpdated: null,
    due: date(t.due), followUp: date(t.followUp), delegationState: t.delegationState ?? null, description: t.description,
    executionId: t.tokenId, parentTaskId: null, priority: t.priority, processDefinitionId: t.definitionId,
    processInstanceId: t.instanceId, taskDefinitionKey: t.taskDefinitionKey, caseExecutionId: null, caseInstanceId: null,
    caseDefinitionId: null, suspended: t.suspended, formKey: t.formKey, camundaFormRef: t.formRef, tenantId: null,
  };
}
