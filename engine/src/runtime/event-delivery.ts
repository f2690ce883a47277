/**
 * Delivering a message or signal to a subscription inside one instance's working set: a
 * waiting catch event, receive task or event-based gateway is triggered, a boundary event
 * fires on its host, an event sub-process starts. Callers run the loop afterwards.
 */
import { requireElement } from '../model/executable-model';
import type { EventSubscriptionRecord } from '../persistence/records';
import type { VariableMap } from '../variables/typed-value';
import type { EventExecution } from './event-execution';

/** Delivers to one subscription (no run); false when it is gone or what it waited for left. */
export function deliverToSubscription(e: EventExecution, id: string, variables: VariableMap, local: VariableMap): boolean {
  const sub = e.ws.eventSubscriptions.get(id);
  if (!sub) return false;
  const node = requireElement(e.model, sub.activityId);
  if (sub.tokenId === null) {
    if (!sub.scopeInstanceId || !e.scopeAlive(sub.scopeInstanceId)) return false;
    received(e, sub, variables, local);
    e.startEventSubProcessNow(node, sub.scopeInstanceId);
    return true;
  }
  const token = e.token(sub.tokenId);
  if (!token) {
    e.ws.removeEventSubscription(id);
    return false;
  }
  received(e, sub, variables, local);
  // A non-interrupting boundary event keeps its subscription: it can fire again while its activity waits.
  if (node.attachedToId !== null) {
    e.fireBoundaryNow(token, node);
    return true;
  }
  e.ws.removeEventSubscription(id);
  e.fireNow(token, { kind: 'eventReceived', elementId: sub.activityId });
  return true;
}

/** Delivers a thrown signal to every signal subscription of the same name in this instance. */
export function broadcastInInstance(e: EventExecution, name: string): void {
  const matching = [...e.ws.eventSubscriptions.values()].filter((s) => s.eventType === 'signal' && s.eventName === name);
  for (const sub of matching) deliverToSubscription(e, sub.id, {}, {});
}

/** True when the instance's variables match the correlation keys (process level) and local keys (the subscription's scope). */
export function matchesCorrelationKeys(e: EventExecution, sub: EventSubscriptionRecord, keys: VariableMap, localKeys: VariableMap): boolean {
  const equal = (scopeId: string, name: string, expected: unknown) => {
    const v = e.ws.variableAt(scopeId, name);
    return v !== undefined && sameValue(v.value, expected);
  };
  const scope = e.subscriptionScope(sub);
  return Object.entries(keys).every(([n, tv]) => equal(e.ws.instance.id, n, tv.value))
    && Object.entries(localKeys).every(([n, tv]) => equal(scope, n, tv.value));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a === 'object' && a !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function received(e: EventExecution, sub: EventSubscriptionRecord, variables: VariableMap, local: VariableMap): void {
  e.ws.emit('event.received', sub.activityId, sub.eventName);
  const scope = e.subscriptionScope(sub);
  if (Object.keys(variables).length > 0) e.variables.setAll(scope, variables);
  if (Object.keys(local).length > 0) e.variables.setAllLocal(scope, local);
}
