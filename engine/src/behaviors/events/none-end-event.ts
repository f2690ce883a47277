/** None end event: the token ends; its scope completes when no token is left. */
import type { ElementBehavior } from '../context';

/** Behavior of `bpmn:endEvent` without event definition. */
export const noneEndEvent: ElementBehavior = {
  enter: (ctx, _node, token) => ctx.leave(token, []),
};
