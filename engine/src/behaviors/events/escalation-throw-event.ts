/**
 * Escalation end and intermediate throw events: throw the escalation to the nearest catching
 * boundary event or event sub-process. Unlike an error, an escalation is not critical: unless
 * an interrupting catch ended this token, the path goes on (the end event ends it, the
 * intermediate event leaves through its flows), caught or not (Camunda 7).
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:endEvent` / `bpmn:intermediateThrowEvent` with `bpmn:escalationEventDefinition`. */
export const escalationThrowEvent: ElementBehavior = {
  enter: (ctx, node, token) => {
    ctx.wait(token);
    const active = ctx.throwEvent(token, { type: 'escalation', code: node.codeEvent!.code ?? '', message: null });
    if (active) leaveActivity(ctx, node, token);
  },
};
