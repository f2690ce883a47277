/**
 * Conditional events, evaluated when the run loop has settled: waiting conditional catch events
 * (also behind event-based gateways), conditional boundary events of resting activities and
 * conditional event sub-process start events of live scopes. A candidate is evaluated when a
 * variable changed in its scope or an enclosing one (filtered by `camunda:variableName` and
 * `camunda:variableEvents`), or when it was just armed (activity came to rest, scope started).
 * Each change is consumed once, so a non-interrupting event fires once per matching change.
 */
import { requireElement, requireFlow, type ConditionalSpec, type FlowNode } from '../model/executable-model';
import type { TokenRecord } from '../persistence/records';
import type { EventExecution } from './event-execution';
import type { VariableChangeEvent } from './variable-scopes';

/** What was armed since the last settle: scope instances (event sub-processes) and host tokens (boundary events). */
export interface PendingConditionChecks {
  readonly scopes: Set<string>;
  readonly hosts: Set<string>;
}

/** Evaluates and fires the conditional events concerned by the pending changes; true when something fired. */
export function settleConditionalEvents(e: EventExecution, pending: PendingConditionChecks): boolean {
  const changes = e.variables.changes.splice(0);
  const scopes = new Set(pending.scopes);
  const hosts = new Set(pending.hosts);
  pending.scopes.clear();
  pending.hosts.clear();
  if (changes.length === 0 && scopes.size === 0 && hosts.size === 0) return false;
  let fired = false;
  for (const token of [...e.ws.instance.tokens]) {
    if (!e.ws.instance.tokens.includes(token) || token.status !== 'waiting' || token.async) continue;
    fired = settleToken(e, token, changes, hosts.has(token.id)) || fired;
  }
  const root = { id: e.ws.instance.id, elementId: e.model.key };
  for (const scope of [root, ...e.ws.instance.scopes]) {
    for (const espId of e.model.scopes.get(scope.elementId)?.eventSubProcessIds ?? []) {
      const start = requireElement(e.model, e.model.scopes.get(espId)!.startEventId);
      if (!start.conditional || !e.scopeAlive(scope.id)) continue;
      const at: TokenRecord = { id: scope.id, elementId: espId, scopeInstanceId: scope.id, status: 'waiting', activityInstanceId: scope.id, flowId: null };
      const concerned = scopes.has(scope.id) || relevant(start.conditional, e.variables.chain(scope.id), changes);
      if (concerned && e.evaluateCondition(start.conditional.condition, at)) {
        e.startEventSubProcessNow(start, scope.id);
        fired = true;
      }
    }
  }
  return fired;
}

function settleToken(e: EventExecution, token: TokenRecord, changes: readonly VariableChangeEvent[], armed: boolean): boolean {
  const node = requireElement(e.model, token.elementId);
  const task = [...e.ws.tasks.values()].find((t) => t.tokenId === token.id);
  const chain = e.variables.chain(task?.id ?? token.scopeInstanceId);
  const holds = (spec: ConditionalSpec) => e.guardedCondition(token, spec.condition);
  if (node.kind === 'conditionalIntermediateCatchEvent') {
    if (!relevant(node.conditional!, chain, changes) || !holds(node.conditional!)) return false;
    e.fireNow(token, { kind: 'eventReceived', elementId: node.id });
    return true;
  }
  if (node.kind === 'eventBasedGateway') {
    const target = conditionalTargets(e, node).find((t) => relevant(t.conditional!, chain, changes) && holds(t.conditional!));
    if (!target) return false;
    e.fireNow(token, { kind: 'eventReceived', elementId: target.id });
    return true;
  }
  let fired = false;
  for (const id of node.boundaryEventIds) {
    const boundary = requireElement(e.model, id);
    if (boundary.kind !== 'conditionalBoundaryEvent' || !e.ws.instance.tokens.includes(token)) continue;
    if ((armed || relevant(boundary.conditional!, chain, changes)) && holds(boundary.conditional!)) {
      e.fireBoundaryNow(token, boundary);
      fired = true;
    }
  }
  return fired;
}

/** The conditional catch events after an event-based gateway. */
export function conditionalTargets(e: EventExecution, gateway: FlowNode): FlowNode[] {
  return gateway.outgoing.map((id) => requireElement(e.model, requireFlow(e.model, id).targetId)).filter((t) => t.conditional !== null);
}

function relevant(spec: ConditionalSpec, chain: readonly string[], changes: readonly VariableChangeEvent[]): boolean {
  return changes.some((c) => chain.includes(c.scopeId)
    && (!spec.variableName || spec.variableName === c.name)
    && (!spec.variableEvents || spec.variableEvents.includes(c.event)));
}
