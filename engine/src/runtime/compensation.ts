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
 *   only those of `activityRef`, and runs their handlers in reverse completion order;
 * - a completed sub-process with a compensation event sub-process is compensated by starting
 *   that event sub-process instead (it "consumes" the compensation): what the sub-process held
 *   moves into the event sub-process's scope instance, where its own compensation throw events
 *   find it.
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

/** A handler to start: an activity, or a compensation event sub-process with the subscriptions it takes over. */
export interface CompensationHandler {
  readonly handlerId: string;
  /** Compensation event sub-processes: the completed scope instance whose subscriptions it takes over. */
  readonly heldScopeId: string | null;
}

/** The compensation event sub-process of a (sub-process) scope element, if it has one. */
export function compensationEventSubProcess(model: ExecutableProcess, scopeElementId: string): string | null {
  for (const espId of model.scopes.get(scopeElementId)?.eventSubProcessIds ?? []) {
    if (isCompensationEventSubProcess(model, espId)) return espId;
  }
  return null;
}

/** A scope instance completed: what it holds (or its compensation event sub-process) becomes one subscription of its parent scope. */
export function keepCompletedScope(model: ExecutableProcess, instance: InstanceRecord, scope: ScopeRecord, newId: () => string): void {
  const holds = instance.compensations?.some((r) => r.scopeInstanceId === scope.id) === true;
  if (!holds && !compensationEventSubProcess(model, scope.elementId)) return;
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
export function takeCompensationHandlers(model: ExecutableProcess, instance: InstanceRecord, scopeInstanceId: string, activityRef: string | null): CompensationHandler[] {
  const handlers: CompensationHandler[] = [];
  for (const scopeId of compensationScopes(model, instance, scopeInstanceId)) handlers.push(...take(model, instance, scopeId, activityRef));
  return handlers;
}

/** A compensation event sub-process started: the subscriptions of the completed scope it compensates move into its scope instance. */
export function moveCompensations(instance: InstanceRecord, fromScopeInstanceId: string, toScopeInstanceId: string): void {
  for (const r of records(instance)) if (r.scopeInstanceId === fromScopeInstanceId) r.scopeInstanceId = toScopeInstanceId;
}

function take(model: ExecutableProcess, instance: InstanceRecord, scopeInstanceId: string, activityRef: string | null): CompensationHandler[] {
  const chosen = records(instance).filter((r) => r.scopeInstanceId === scopeInstanceId && (activityRef === null || r.activityId === activityRef));
  instance.compensations = records(instance).filter((r) => !chosen.includes(r));
  const handlers: CompensationHandler[] = [];
  for (const r of chosen.reverse()) {
    const esp = r.childScopeInstanceId ? compensationEventSubProcess(model, r.activityId) : null;
    if (r.handlerId) handlers.push({ handlerId: r.handlerId, heldScopeId: null });
    else if (esp) handlers.push({ handlerId: esp, heldScopeId: r.childScopeInstanceId });
    else if (r.childScopeInstanceId) handlers.push(...take(model, instance, r.childScopeInstanceId, null));
  }
  return handlers;
}

/**
 * The throwing scope instance, and while it is an event sub-process instance, the scope around
 * it; a compensation event sub-process is the end (it compensates only what it took over).
 */
function compensationScopes(model: ExecutableProcess, instance: InstanceRecord, scopeInstanceId: string): string[] {
  const ids = [scopeInstanceId];
  let scope = instance.scopes.find((s) => s.id === scopeInstanceId);
  while (scope && model.elements.get(scope.elementId)?.kind === 'eventSubProcess' && !isCompensationEventSubProcess(model, scope.elementId)) {
    const parentId = scope.parentScopeInstanceId;
    ids.push(parentId);
    scope = instance.scopes.find((s) => s.id === parentId);
  }
  return ids;
}

function isCompensationEventSubProcess(model: ExecutableProcess, espId: string): boolean {
  return model.elements.get(model.scopes.get(espId)!.startEventId)?.kind === 'compensationStartEvent';
}
