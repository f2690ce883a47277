/**
 * Message and signal start events (of the process or of an event sub-process): the runtime
 * starts the token here when the event arrives (runtime/event-delivery.ts); it moves on.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:startEvent` with a message or signal event definition. */
export const triggeredStartEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
