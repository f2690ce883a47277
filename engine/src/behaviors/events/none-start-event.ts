/** None start event: the token passes straight through. */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:startEvent` without event definition. */
export const noneStartEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
