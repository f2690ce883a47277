/**
 * Event sub-process: started by its trigger (so far a timer start event, via a job armed when
 * its enclosing scope instance started), never by a sequence flow. Like an embedded
 * sub-process, the host token waits while the child scope runs, then ends (it has no
 * outgoing flows), which may complete the enclosing scope.
 */
import type { ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:subProcess triggeredByEvent="true"`. */
export const eventSubProcess: ElementBehavior = {
  enter: (ctx, node, token) => {
    ctx.wait(token);
    ctx.startScope(token, node);
  },
  trigger: (ctx, node, token) => leaveActivity(ctx, node, token),
};
