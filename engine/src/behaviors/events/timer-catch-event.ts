/**
 * Intermediate timer catch event: the token waits until its timer job fires. After an
 * event-based gateway whose timer fired, the event already happened: the token moves on.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:intermediateCatchEvent` with `bpmn:timerEventDefinition`. */
export const timerCatchEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    if (ctx.takeReceivedEvent(token)) return leaveActivity(ctx, node, token);
    ctx.wait(token);
    ctx.scheduleTimer(token, node);
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
