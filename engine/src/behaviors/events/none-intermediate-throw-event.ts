/** None intermediate throw event: a milestone; the token passes through. */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:intermediateThrowEvent` without event definition. */
export const noneIntermediateThrowEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
