/**
 * Service, send and business rule tasks. With `camunda:type="external"` they wait for a worker
 * (external-task.ts); with `camunda:class`, `camunda:delegateExpression` or
 * `camunda:expression` they run a registered handler synchronously, inside the command, and
 * leave (the expression's value goes to `camunda:resultVariable`).
 */
import { BpmnErrorThrown } from '../../delegates/delegate-execution';
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';
import { externalTask } from './external-task';

/** Behavior of a task implemented by a registered handler or an expression. */
export const delegateServiceTask: ElementBehavior = {
  enter: (ctx, node, token) => {
    try {
      ctx.callDelegate(token, node.delegate!);
    } catch (err) {
      if (!(err instanceof BpmnErrorThrown)) throw err;
      // Like a JavaDelegate's BpmnError in Camunda 7: routed as an error end event's would be;
      // uncaught, the path ends there.
      if (ctx.throwEvent(token, { type: 'error', code: err.errorCode, message: err.errorMessage })) ctx.leave(token, []);
      return;
    }
    leaveActivity(ctx, node, token);
  },
};

/** Service/send/business rule tasks: delegate when the model names code, else external. */
export const serviceTaskLike: ElementBehavior = {
  enter: (ctx, node, token) => (node.delegate ? delegateServiceTask : externalTask).enter(ctx, node, token),
  trigger: (ctx, node, token, signal) => externalTask.trigger!(ctx, node, token, signal),
};
