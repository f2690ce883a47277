/** Intermediate timer catch event: the token waits until its timer job fires. */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:intermediateCatchEvent` with `bpmn:timerEventDefinition`. */
export const timerCatchEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    ctx.wait(token);
    ctx.scheduleTimer(token, node);
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
