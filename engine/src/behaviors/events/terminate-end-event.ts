/**
 * Terminate end event: ends every token of its scope instance, then itself. Inside an
 * embedded sub-process only that sub-process ends (and its parent continues); at the top
 * level the process instance ends.
 */
import type { ElementBehavior } from '../context';

/** Behavior of `bpmn:endEvent` with `bpmn:terminateEventDefinition`. */
export const terminateEndEvent: ElementBehavior = {
  enter: (ctx, _node, token) => {
    ctx.terminateOthersInScope(token);
    ctx.leave(token, []);
  },
};
