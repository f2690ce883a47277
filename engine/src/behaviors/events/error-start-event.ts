/**
 * Error and escalation start events of event sub-processes: the propagation starts the event
 * sub-process (runtime/event-propagation.ts); inside it, the token simply moves on.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:startEvent` with `bpmn:errorEventDefinition` or `bpmn:escalationEventDefinition`. */
export const errorStartEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
