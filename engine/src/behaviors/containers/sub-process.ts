/**
 * Embedded sub-process: the host token waits while a child scope instance runs from the
 * sub-process's start event; when the child scope has no tokens left, the host moves on.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:subProcess` (embedded, not triggered by event). */
export const subProcess: ElementBehavior = {
  enter: (ctx, node, token) => {
    ctx.wait(token);
    ctx.startScope(token, node);
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
