/**
 * Event-based gateway: the token waits at the gateway, subscribed to the message and signal
 * catch events after it, with their timers scheduled and their conditions watched. The first event to arrive wins: the
 * gateway leaves towards that event (its other subscriptions and timers leave with its token)
 * and the catch event, whose event already happened, completes at once.
 */
import { requireElement, requireFlow, type FlowNode } from '../../model/executable-model';
import type { TokenRecord } from '../../persistence/records';
import type { BehaviorContext, ElementBehavior } from '../context';

/** Behavior of `bpmn:eventBasedGateway` (not instantiating). */
export const eventBasedGateway: ElementBehavior = {
  enter: (ctx, node, token) => {
    const targets = node.outgoing.map((flowId) => requireElement(ctx.model, requireFlow(ctx.model, flowId).targetId));
    // A conditional target whose condition already holds wins before anything is armed.
    const ready = targets.find((t) => t.conditional && ctx.evaluateCondition(t.conditional.condition, token));
    if (ready) return choose(ctx, node, token, ready.id);
    ctx.wait(token);
    for (const target of targets) {
      if (target.timer) ctx.scheduleTimer(token, target);
      else if (target.event) ctx.subscribe(token, target);
    }
  },
  trigger: (ctx, node, token, signal) => {
    const elementId = signal.kind === 'eventReceived' || signal.kind === 'timerFired' ? signal.elementId : undefined;
    choose(ctx, node, token, elementId);
  },
};

/** Leaves towards the catch event whose event happened; it completes at once when entered. */
function choose(ctx: BehaviorContext, node: FlowNode, token: TokenRecord, elementId: string | undefined): void {
  const flowId = node.outgoing.find((id) => requireFlow(ctx.model, id).targetId === elementId);
  if (!flowId || !elementId) throw new Error(`Event-based gateway '${node.id}' was triggered by '${elementId ?? 'nothing'}', which does not follow it`);
  ctx.eventReceivedAt(elementId, token.scopeInstanceId);
  ctx.leave(token, [flowId]);
}
