/**
 * Conditional intermediate catch event: when its condition already holds on arrival, the token
 * passes; otherwise it waits until a variable change in its scope (or above) makes the
 * condition true (runtime/conditional-events.ts, with the `camunda:variableName` and
 * `camunda:variableEvents` filters).
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:intermediateCatchEvent` with a conditional event definition. */
export const conditionalCatchEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    if (ctx.takeReceivedEvent(token) || ctx.evaluateCondition(node.conditional!.condition, token)) return leaveActivity(ctx, node, token);
    ctx.wait(token);
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
