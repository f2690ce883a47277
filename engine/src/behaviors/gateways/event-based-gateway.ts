/**
 * Event-based gateway: the token waits at the gateway, subscribed to the message and signal
 * catch events after it and with their timers scheduled. The first event to arrive wins: the
 * gateway leaves towards that event (its other subscriptions and timers leave with its token)
 * and the catch event, whose event already happened, completes at once.
 */
import { requireElement, requireFlow } from '../../model/executable-model';
import type { ElementBehavior } from '../context';

/** Behavior of `bpmn:eventBasedGateway` (not instantiating). */
export const eventBasedGateway: ElementBehavior = {
  enter: (ctx, node, token) => {
    ctx.wait(token);
    for (const flowId of node.outgoing) {
      const target = requireElement(ctx.model, requireFlow(ctx.model, flowId).targetId);
      if (target.timer) ctx.scheduleTimer(token, target);
      else ctx.subscribe(token, target);
    }
  },
  trigger: (ctx, node, token, signal) => {
    const elementId = signal.kind === 'eventReceived' || signal.kind === 'timerFired' ? signal.elementId : undefined;
    const flowId = node.outgoing.find((id) => requireFlow(ctx.model, id).targetId === elementId);
    if (!flowId || !elementId) throw new Error(`Event-based gateway '${node.id}' was triggered by '${elementId ?? signal.kind}', which does not follow it`);
    ctx.eventReceivedAt(elementId, token.scopeInstanceId);
    ctx.leave(token, [flowId]);
  },
};
