/**
 * Message intermediate throw and end events: with `camunda:type="external"` an external task
 * is created and the token waits for a worker to complete it; with `camunda:class`,
 * `delegateExpression` or `expression` a registered handler sends the message inside the
 * command; without an implementation they behave like none events (as in Camunda 7).
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';
import { externalTask } from '../tasks/external-task';
import { delegateServiceTask } from '../tasks/delegate-service-task';

/** Behavior of message throw/end events. */
export const messageThrowEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    if (node.externalTask) return externalTask.enter(ctx, node, token);
    if (node.delegate) return delegateServiceTask.enter(ctx, node, token);
    leaveActivity(ctx, node, token);
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
