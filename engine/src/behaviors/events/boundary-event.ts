/**
 * Timer boundary event: attached when its activity is entered (a timer job for the host
 * token), fired by that job. Interrupting ones cancel the activity (its user task, external
 * task, child scope); non-interrupting ones leave it running. Either way a new token starts
 * at the boundary event and leaves through its outgoing flows.
 */
import type { ElementBehavior } from '../context';
import { startBoundaryPath } from '../shared/boundary-attachment';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:boundaryEvent` with `bpmn:timerEventDefinition`. */
export const timerBoundaryEvent: ElementBehavior = {
  enter: (ctx, node, token) => leaveActivity(ctx, node, token),
  attach: (ctx, node, host) => ctx.scheduleTimer(host, node),
  fireAttached: (ctx, node, host) => startBoundaryPath(ctx, node, host),
};
