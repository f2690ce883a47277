/** Link catch event: where a link throw event of the same name continues; the token moves on. */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:intermediateCatchEvent` with a link event definition. */
export const linkCatchEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
};
