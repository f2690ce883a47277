/**
 * Signal intermediate throw and end events: the signal is broadcast to every subscription
 * (runtime/event-delivery.ts), then the token moves on (or ends at an end event) — unless an
 * interrupting catch of its own signal ended it.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:intermediateThrowEvent` and `bpmn:endEvent` with a signal event definition. */
export const signalThrowEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    if (ctx.throwSignal(token, node)) leaveActivity(ctx, node, token);
  },
};
