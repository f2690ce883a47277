/**
 * Timer start event: its job (created at deploy time) starts a new instance here; the token
 * simply moves on. The job itself is handled by the runtime (runtime/job-handlers.ts).
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:startEvent` with `bpmn:timerEventDefinition`. */
export const timerStartEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
