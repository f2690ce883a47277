/**
 * Error end event: throws its error (code of the referenced `bpmn:error`, message from
 * `camunda:errorMessage`) to the nearest catching boundary event or event sub-process. Caught,
 * the catch has already ended this token's scope; uncaught, the token ends like at a none end
 * event (Camunda 7), recorded as `error.uncaught` (see ProcessExecution.throwEvent).
 */
import type { ElementBehavior } from '../context';

/** Behavior of `bpmn:endEvent` with `bpmn:errorEventDefinition`. */
export const errorEndEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    const spec = node.codeEvent!;
    const message = spec.message ? ctx.evaluate(spec.message, token) : null;
    ctx.wait(token);
    const active = ctx.throwEvent(token, { type: 'error', code: spec.code ?? '', message: message === null ? null : String(message) });
    if (active) ctx.leave(token, []);
  },
};
