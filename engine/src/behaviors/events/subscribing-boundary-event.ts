/**
 * Message and signal boundary events: subscribed for the host token when its activity comes to
 * rest, delivered by correlation or broadcast. Interrupting ones cancel the activity; a
 * non-interrupting one keeps its subscription and can fire again while the activity waits.
 */
import type { ElementBehavior } from '../context';
import { startBoundaryPath } from '../shared/boundary-attachment';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:boundaryEvent` with a message or signal event definition. */
export const subscribingBoundaryEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
  attach: (ctx, node, host) => ctx.subscribe(host, node),
  fireAttached: (ctx, node, host) => startBoundaryPath(ctx, node, host),
};
