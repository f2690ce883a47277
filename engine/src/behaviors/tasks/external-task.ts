/**
 * External task (`camunda:type="external"` on service, send and business rule tasks): creates
 * a task on its topic (topic and camunda:taskPriority may be expressions) and waits until a
 * worker completes it through fetchAndLock/complete.
 */
import { BatonError } from '../../errors';
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of external service/send/business rule tasks. */
export const externalTask: ElementBehavior = {
  enter: (ctx, node, token) => {
    const spec = node.externalTask!;
    const topic = ctx.evaluate(spec.topic, token);
    if (typeof topic !== 'string' || topic === '') {
      throw new BatonError('EXPRESSION_EVALUATION', `camunda:topic of '${node.id}' evaluated to ${JSON.stringify(topic)}, not a topic name`);
    }
    const raw = spec.priority ? ctx.evaluate(spec.priority, token) : 0;
    const priority = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isInteger(priority)) throw new BatonError('EXPRESSION_EVALUATION', `camunda:taskPriority of '${node.id}' is not an integer: ${String(raw)}`);
    ctx.wait(token);
    ctx.createExternalTask(token, { topicName: topic, priority });
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
