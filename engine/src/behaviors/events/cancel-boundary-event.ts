/**
 * Cancel boundary event (on a transaction sub-process): picked by the cancel thrown from a
 * cancel end event after compensation (runtime/event-propagation.ts); it ends the transaction
 * and the new token leaves through the event's flows.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:boundaryEvent` with `bpmn:cancelEventDefinition`. */
export const cancelBoundaryEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
