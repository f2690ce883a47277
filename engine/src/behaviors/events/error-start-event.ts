/**
 * Error, escalation and compensation start events of event sub-processes: the error/escalation
 * propagation (runtime/event-propagation.ts) or a compensation (runtime/compensation.ts) starts
 * the event sub-process; inside it, the token simply moves on.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:startEvent` with an error, escalation or compensate event definition (in event sub-processes). */
export const errorStartEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
