/**
 * Error boundary event: needs no arming; the error propagation (runtime/event-propagation.ts)
 * picks it, cancels its activity and starts a token here, which leaves through its flows.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:boundaryEvent` with `bpmn:errorEventDefinition`. */
export const errorBoundaryEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
