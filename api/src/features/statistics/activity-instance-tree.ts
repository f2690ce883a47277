/**
 * Camunda's activity instance tree of one running process instance, derived from the tokens
 * and scopes in its state: the root is the instance, an embedded sub-process scope nests the
 * activity instances of its tokens.
 */
import type { ExecutableProcess, IncidentRecord, InstanceRecord, TokenRecord } from '@baton/engine';
import type { ActivityInstanceDto } from '../../../client/modeler-contract';

/** Camunda's activityType (camelCase BPMN type, as history uses). */
function activityType(bpmnType: string): string {
  const local = bpmnType.replace(/^bpmn:/, '');
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** Builds the tree; `model` names the activities, `incidents` are the instance's open incidents. */
export function activityInstanceTree(instance: InstanceRecord, model: ExecutableProcess, incidents: readonly IncidentRecord[]): ActivityInstanceDto {
  const byScope = new Map<string, TokenRecord[]>();
  for (const t of instance.tokens) byScope.set(t.scopeInstanceId, [...(byScope.get(t.scopeInstanceId) ?? []), t]);
  const scopeIds = new Set(instance.scopes.map((s) => s.id));

  const node = (id: string, parent: string | null, activityId: string, type: string, name: string | null, tokens: TokenRecord[]): ActivityInstanceDto => {
    const tokenIds = new Set(tokens.map((t) => t.id));
    const own = incidents.filter((i) => tokenIds.has(i.tokenId));
    return {
      id, parentActivityInstanceId: parent, activityId, activityType: type, activityName: name, name,
      processInstanceId: instance.id, processDefinitionId: instance.definitionId,
      childActivityInstances: scopeIds.has(id) || parent === null ? children(id) : [],
      childTransitionInstances: [],
      executionIds: tokens.length ? tokens.map((t) => t.id) : [instance.id],
      incidentIds: own.map((i) => i.id),
      incidents: own.map((i) => ({ id: i.id, activityId: i.activityId })),
    };
  };

  const children = (scopeId: string): ActivityInstanceDto[] => {
    const groups = new Map<string, TokenRecord[]>();
    for (const t of byScope.get(scopeId) ?? []) groups.set(t.activityInstanceId, [...(groups.get(t.activityInstanceId) ?? []), t]);
    return [...groups].map(([activityInstanceId, tokens]) => {
      const el = model.elements.get(tokens[0]!.elementId);
      return node(activityInstanceId, scopeId, tokens[0]!.elementId, el ? activityType(el.bpmnType) : 'unknown', el?.name ?? null, tokens);
    });
  };

  return node(instance.id, null, instance.definitionId, 'processDefinition', model.name, []);
}
