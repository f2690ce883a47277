/**
 * Conditional boundary event: checked when its activity comes to rest and on every variable
 * change that concerns the activity's scope (runtime/conditional-events.ts). Interrupting ones
 * cancel the activity; non-interrupting ones fire for each matching change.
 */
import type { ElementBehavior } from '../context';
import { startBoundaryPath } from '../shared/boundary-attachment';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:boundaryEvent` with a conditional event definition. */
export const conditionalBoundaryEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
  attach: (ctx, _node, host) => ctx.checkConditionsOf(host),
  fireAttached: (ctx, node, host) => startBoundaryPath(ctx, node, host),
};
