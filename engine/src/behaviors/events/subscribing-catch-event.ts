/**
 * Message and signal intermediate catch events and receive tasks: the token subscribes to the
 * message or signal by (evaluated) name and waits until it is correlated or broadcast (a
 * receive task without a message waits to be signalled). After an event-based gateway chose this
 * event, it already happened: the token moves on.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of message/signal `bpmn:intermediateCatchEvent` and `bpmn:receiveTask`. */
export const subscribingCatchEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    if (ctx.takeReceivedEvent(token)) return leaveActivity(ctx, node, token);
    ctx.wait(token);
    if (node.event) ctx.subscribe(token, node);
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
