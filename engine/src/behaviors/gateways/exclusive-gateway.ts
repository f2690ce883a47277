/** Exclusive gateway: the first flow whose condition holds, else the default flow, else an incident. */
import type { ElementBehavior } from '../context';
import { firstMatchingFlow, noMatchingFlow } from '../shared/outgoing-flows';

/** Behavior of `bpmn:exclusiveGateway` (merging is pass-through: every arriving token continues). */
export const exclusiveGateway: ElementBehavior = {
  enter: (ctx, node, token) => {
    const flow = firstMatchingFlow(ctx, node, token);
    if (flow === null) throw noMatchingFlow(node);
    ctx.leave(token, [flow]);
  },
};
