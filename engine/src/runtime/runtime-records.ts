/**
 * Builders for the runtime rows a command creates (user task, external task, incident) and
 * the grouping of waiting join tokens, kept out of the run loop so that it stays readable.
 */
import type { ElementBehavior, NewExternalTask, NewUserTask } from '../behaviors/context';
import { behaviors } from '../behaviors/registry';
import { requireElement, type ExecutableProcess, type FlowNode } from '../model/executable-model';
import type { ExternalTaskRecord, IncidentRecord, ProcessDefinitionRecord, TaskRecord, TokenRecord } from '../persistence/records';
import type { WorkingSet } from './working-set';

/** A new user task row for a waiting token. */
export function userTaskRecord(ws: WorkingSet, definition: ProcessDefinitionRecord, model: ExecutableProcess, token: TokenRecord, task: NewUserTask, id: string): TaskRecord {
  return {
    id, instanceId: ws.instance.id, definitionId: definition.id, definitionKey: definition.key, tokenId: token.id,
    activityInstanceId: token.activityInstanceId, taskDefinitionKey: token.elementId, name: task.name, description: task.description,
    assignee: task.assignee, owner: null, candidateUsers: [...task.candidateUsers], candidateGroups: [...task.candidateGroups],
    created: ws.time(), due: task.due, followUp: task.followUp, priority: task.priority, formKey: task.formKey,
    formRef: requireElement(model, token.elementId).form?.formRef ?? null, businessKey: ws.instance.businessKey, suspended: false, delegationState: null,
  };
}

/** A new external task row for a waiting token. */
export function externalTaskRecord(ws: WorkingSet, token: TokenRecord, task: NewExternalTask, id: string): ExternalTaskRecord {
  const i = ws.instance;
  return {
    id, instanceId: i.id, definitionId: i.definitionId, definitionKey: i.definitionKey, activityId: token.elementId,
    activityInstanceId: token.activityInstanceId, tokenId: token.id, topicName: task.topicName, businessKey: i.businessKey, workerId: null,
    lockExpiresAt: null, retries: null, errorMessage: null, errorDetails: null, priority: task.priority, suspended: i.suspended,
    created: ws.time(), tenantId: i.tenantId,
  };
}

/** An incident row at a token. */
export function incidentRecord(
  ws: WorkingSet, token: TokenRecord, e: { id: string; type: string; code: string; message: string; configuration: string | null },
): IncidentRecord {
  return {
    id: e.id, instanceId: ws.instance.id, definitionId: ws.instance.definitionId, activityId: token.elementId, tokenId: token.id,
    incidentType: e.type, errorCode: e.code, message: e.message, timestamp: ws.time(), configuration: e.configuration,
  };
}

/** Waiting tokens per (join element, scope instance) whose behavior settles (joins). */
export function joinGroups(ws: WorkingSet, model: ExecutableProcess): Array<{ node: FlowNode; behavior: ElementBehavior; tokens: TokenRecord[] }> {
  const groups = new Map<string, { node: FlowNode; behavior: ElementBehavior; tokens: TokenRecord[] }>();
  for (const token of ws.instance.tokens) {
    if (token.status !== 'waiting' || token.async) continue;
    const node = requireElement(model, token.elementId);
    const behavior = behaviors[node.kind];
    if (!behavior.settle) continue;
    const key = `${node.id}\u0000${token.scopeInstanceId}`;
    const group = groups.get(key) ?? { node, behavior, tokens: [] };
    group.tokens.push(token);
    groups.set(key, group);
  }
  return [...groups.values()];
}
