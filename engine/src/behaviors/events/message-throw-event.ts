/**
 * Message intermediate throw and end events: with `camunda:type="external"` an external task
 * is created and the token waits for a worker to complete it; without an implementation they
 * behave like none events (as in Camunda 7).
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';
import { externalTask } from '../tasks/external-task';

/** Behavior of message throw/end events. */
export const messageThrowEvent: ElementBehavior = {
  enter: (ctx, node, token) => (node.externalTask ? externalTask.enter(ctx, node, token) : leaveActivity(ctx, node, token)),
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
