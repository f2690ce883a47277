/**
 * Compensation subscriptions, kept in the instance state (`InstanceRecord.compensations`) in
 * completion order, as Camunda 7 keeps compensate event subscriptions:
 * - an activity with a compensation boundary event that completes subscribes its handler in
 *   the scope instance it completed in;
 * - a sub-process (or event sub-process) scope instance that completes while holding
 *   subscriptions becomes one subscription of its parent scope ("compensate me" = compensate what
 *   I hold, recursively); a scope instance that is cancelled drops what it holds;
 * - a compensation throw event takes the subscriptions of its scope instance (inside an event
 *   sub-process also those of the scope around it, as Camunda's FlowScopeWalker does), optionally
 *   only those of `activityRef`, and runs their handlers in reverse completion order.
 * Subscriptions are consumed when compensated and vanish with the instance.
 */
import { requireElement, type ExecutableProcess, type FlowNode } from '../model/executable-model';
import type { CompensationRecord, InstanceRecord, ScopeRecord, TokenRecord } from '../persistence/records';

function records(instance: InstanceRecord): CompensationRecord[] {
  return (instance.compensations ??= []);
}

/** An activity completed: subscribes the handler of its compensation boundary event, if any. */
export function subscribeCompensation(model: ExecutableProcess, instance: InstanceRecord, token: TokenRecord, node: FlowNode, newId: () => string): void {
  for (const id of node.boundaryEventIds) {
    const boundary = requireElement(model, id);
    const handlerId = boundary.compensation?.handlerId;
    if (!handlerId) continue;
    records(instance).push({ id: newId(), activityId: node.id, scopeInstanceId: token.scopeInstanceId, handlerId, childScopeInstanceId: null });
  }
}

/** A scope instance completed: what it holds becomes one subscription of its parent scope. */
export function keepCompletedScope(instance: InstanceRecord, scope: ScopeRecord, newId: () => string): void {
  if (!instance.compensations?.some((r) => r.scopeInstanceId === scope.id)) return;
  records(instance).push({ id: newId(), activityId: scope.elementId, scopeInstanceId: scope.parentScopeInstanceId, handlerId: null, childScopeInstanceId: scope.id });
}

/** A scope instance was cancelled: its subscriptions (and those of completed scopes inside) go. */
export function dropCompensations(instance: InstanceRecord, scopeInstanceId: string): void {
  const inside = instance.compensations?.filter((r) => r.scopeInstanceId === scopeInstanceId) ?? [];
  if (inside.length === 0) return;
  instance.compensations = instance.compensations!.filter((r) => r.scopeInstanceId !== scopeInstanceId);
  for (const r of inside) if (r.childScopeInstanceId) dropCompensations(instance, r.childScopeInstanceId);
}

/**
 * Takes the subscriptions a compensation throw event in `scopeInstanceId` compensates and
 * returns their handler ids, last completed first (nested scopes expanded in place).
 */
export function takeCompensationHandlers(model: ExecutableProcess, instance: InstanceRecord, scopeInstanceId: string, activityRef: string | null): string[] {
  const handlers: string[] = [];
  for (const scopeId of compensationScopes(model, instance, scopeInstanceId)) handlers.push(...take(instance, scopeId, activityRef));
  return handlers;
}

function take(instance: InstanceRecord, scopeInstanceId: string, activityRef: string | null): string[] {
  const chosen = records(instance).filter((r) => r.scopeInstanceId === scopeInstanceId && (activityRef === null || r.activityId === activityRef));
  instance.compensations = records(instance).filter((r) => !chosen.includes(r));
  const handlers: string[] = [];
  for (const r of chosen.reverse()) {
    if (r.handlerId) handlers.push(r.handlerId);
    else if (r.childScopeInstanceId) handlers.push(...take(instance, r.childScopeInstanceId, null));
  }
  return handlers;
}

/** The throwing scope instance, and while it is an event sub-process instance, the scope around it. */
function compensationScopes(model: ExecutableProcess, instance: InstanceRecord, scopeInstanceId: string): string[] {
  const ids = [scopeInstanceId];
  let scope = instance.scopes.find((s) => s.id === scopeInstanceId);
  while (scope && model.elements.get(scope.elementId)?.kind === 'eventSubProcess') {
    const parentId = scope.parentScopeInstanceId;
    ids.push(parentId);
    scope = instance.scopes.find((s) => s.id === parentId);
  }
  return ids;
}
