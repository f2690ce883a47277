/**
 * Compensation intermediate throw and end events: start the compensation handlers of what
 * completed in this scope (or of `activityRef` only), last completed first, and wait until all
 * have finished (Camunda 7 supports only waitForCompletion="true"); then the intermediate event
 * leaves through its flows and the end event ends its path.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:intermediateThrowEvent` / `bpmn:endEvent` with `bpmn:compensateEventDefinition`. */
export const compensationThrowEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    ctx.wait(token);
    if (!ctx.compensate(token, node.compensation!.activityRef)) leaveActivity(ctx, node, token);
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
