/** Plain task and manual task: nothing to do for the engine; the token passes through. */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:task` and `bpmn:manualTask`. */
export const passThroughTask: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
