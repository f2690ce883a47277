/**
 * Compensation boundary event: never fires by itself and no token ever enters it. When its
 * activity completes, the runtime subscribes the associated handler (runtime/compensation.ts);
 * a compensation throw event later starts the handler directly.
 */
import type { ElementBehavior } from '../context';

/** Behavior of `bpmn:boundaryEvent` with `bpmn:compensateEventDefinition`. */
export const compensationBoundaryEvent: ElementBehavior = {
  enter: (ctx, _node, token) => ctx.leave(token, []),
};
