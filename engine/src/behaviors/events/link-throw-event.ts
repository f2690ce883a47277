/**
 * Link throw event: continues at the link catch event of the same name in its scope
 * (validated at deploy time), like a sequence flow drawn as two connectors.
 */
import { linkTarget } from '../../model/validate-events';
import type { ElementBehavior } from '../context';

/** Behavior of `bpmn:intermediateThrowEvent` with a link event definition. */
export const linkThrowEvent: ElementBehavior = {
  enter: (ctx, node, token) => ctx.jumpTo(token, linkTarget(ctx.model, node).id),
};
