/** Camunda's historic DTOs. */
import {
  formatCamundaDate, toWire,
  type HistoricActivityInstanceRecord, type HistoricProcessInstanceRecord, type HistoricTaskRecord, type HistoricVariableRecord,
} from '@baton/engine';

const date = (d: Date | null) => (d ? formatCamundaDate(d) : null);
const duration = (start: Date, end: Date | null) => (end ? end.getTime() - start.getTime() : null);

/** → HistoricProcessInstanceDto. */
export function historicProcessDto(h: HistoricProcessInstanceRecord) {
  return {
    id: h.id, businessKey: h.businessKey, processDefinitionId: h.definitionId, processDefinitionKey: h.definitionKey,
    processDefinitionName: h.definitionName, processDefinitionVersion: h.definitionVersion, startTime: date(h.startTime),
    endTime: date(h.endTime), removalTime: null, durationInMillis: duration(h.startTime, h.endTime), startUserId: h.startUserId ?? null,
    startActivityId: h.startActivityId, deleteReason: h.deleteReason, rootProcessInstanceId: h.rootInstanceId,
    superProcessInstanceId: h.superInstanceId, superCaseInstanceId: null, caseInstanceId: null, tenantId: h.tenantId, state: h.state,
  };
}

/** → HistoricActivityInstanceDto. */
export function historicActivityDto(a: HistoricActivityInstanceRecord, definitionKey: string | null) {
  return {
    id: a.id, parentActivityInstanceId: a.parentActivityInstanceId, activityId: a.activityId, activityName: a.activityName,
    activityType: a.activityType, processDefinitionKey: definitionKey, processDefinitionId: a.definitionId,
    processInstanceId: a.instanceId, executionId: null, taskId: a.taskId, calledProcessInstanceId: a.calledInstanceId ?? null, calledCaseInstanceId: null,
    assignee: null, startTime: date(a.startTime), endTime: date(a.endTime), durationInMillis: duration(a.startTime, a.endTime),
    canceled: a.canceled, completeScope: false, tenantId: null, removalTime: null, rootProcessInstanceId: a.instanceId,
  };
}

/** → HistoricTaskInstanceDto. */
export function historicTaskDto(t: HistoricTaskRecord) {
  return {
    id: t.id, processDefinitionKey: t.definitionKey, processDefinitionId: t.definitionId, processInstanceId: t.instanceId,
    executionId: null, caseDefinitionKey: null, caseDefinitionId: null, caseInstanceId: null, caseExecutionId: null,
    activityInstanceId: t.activityInstanceId, name: t.name, description: t.description, deleteReason: t.deleteReason,
    owner: t.owner, assignee: t.assignee, startTime: date(t.startTime), endTime: date(t.endTime),
    duration: duration(t.startTime, t.endTime), taskDefinitionKey: t.taskDefinitionKey, priority: t.priority, due: date(t.due),
    parentTaskId: null, followUp: date(t.followUp), tenantId: null, removalTime: null, rootProcessInstanceId: t.instanceId,
  };
}

/** → HistoricVariableInstanceDto. */
export function historicVariableDto(v: HistoricVariableRecord, definition: { key: string | null; id: string | null } = { key: null, id: null }) {
  const wire = toWire({ type: v.type, value: v.type === 'Date' && typeof v.value === 'string' ? new Date(v.value) : v.value });
  return {
    id: v.id, name: v.name, type: wire.type, value: wire.value, valueInfo: wire.valueInfo, processDefinitionKey: definition.key,
    processDefinitionId: definition.id, processInstanceId: v.instanceId, executionId: null, activityInstanceId: v.scopeId,
    caseDefinitionKey: null, caseDefinitionId: null, caseInstanceId: null, caseExecutionId: null, taskId: null,
    tenantId: null, errorMessage: null, state: v.state, createTime: date(v.createTime), removalTime: null, rootProcessInstanceId: v.instanceId,
  };
}
