/**
 * Boundary-event attachment: when a token comes to rest at an activity, each boundary event
 * attached to it is armed for that token (a timer job). The arming is undone with the token:
 * jobs of a token leave when it leaves or is cancelled (runtime/process-execution.ts).
 */
import { requireElement, type FlowNode } from '../../model/executable-model';
import type { TokenRecord } from '../../persistence/records';
import type { BehaviorContext, ElementBehavior } from '../context';

/** Arms the boundary events of `host`'s activity. */
export function attachBoundaryEvents(ctx: BehaviorContext, node: FlowNode, host: TokenRecord, behaviorOf: (n: FlowNode) => ElementBehavior): void {
  for (const id of node.boundaryEventIds) {
    const boundary = requireElement(ctx.model, id);
    behaviorOf(boundary).attach?.(ctx, boundary, host);
  }
}

/** Fires a boundary event on its host token (interrupting ones cancel the host first). */
export function fireBoundaryEvent(ctx: BehaviorContext, boundary: FlowNode, host: TokenRecord, behaviorOf: (n: FlowNode) => ElementBehavior): void {
  behaviorOf(boundary).fireAttached?.(ctx, boundary, host);
}

/** What every boundary event does when it fires: interrupting ones cancel the host, then a token leaves the event. */
export function startBoundaryPath(ctx: BehaviorContext, boundary: FlowNode, host: TokenRecord): void {
  if (boundary.cancelActivity) ctx.cancelActivity(host);
  ctx.startTokenAt(boundary.id, host.scopeInstanceId);
}
