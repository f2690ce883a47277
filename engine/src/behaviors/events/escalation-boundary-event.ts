/**
 * Escalation boundary event (on a sub-process): picked by the escalation propagation
 * (runtime/event-propagation.ts); an interrupting one cancels the sub-process first, a
 * non-interrupting one leaves it running. The new token leaves through the event's flows.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:boundaryEvent` with `bpmn:escalationEventDefinition`. */
export const escalationBoundaryEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
