/**
 * Inclusive gateway. Fork: every flow whose condition holds (default if none). Join: waits
 * until no other token of its scope can still reach it (Camunda 7 semantics), decided in
 * `settle` once every token of the command rests, then fires once for all waiting tokens.
 */
import type { FlowNode } from '../../model/executable-model';
import type { TokenRecord } from '../../persistence/records';
import type { BehaviorContext, ElementBehavior } from '../context';
import { matchingFlows, noMatchingFlow } from '../shared/outgoing-flows';

/** Behavior of `bpmn:inclusiveGateway`. */
export const inclusiveGateway: ElementBehavior = {
  enter: (ctx, node, token) => {
    if (node.incoming.length <= 1) fork(ctx, node, token, []);
    else ctx.wait(token);
  },
  settle: (ctx, node, waiting) => {
    const scopeId = waiting[0]!.scopeInstanceId;
    const sources = ctx.model.inclusiveJoinSources.get(node.id) ?? new Set<string>();
    const blocked = ctx.tokensInScope(scopeId).some((t) => t.elementId !== node.id && sources.has(t.elementId));
    if (blocked) return false;
    const [survivor, ...consumed] = waiting;
    fork(ctx, node, survivor!, consumed);
    return true;
  },
};

function fork(ctx: BehaviorContext, node: FlowNode, token: TokenRecord, consumed: TokenRecord[]): void {
  // Evaluate before consuming, so that a failing condition leaves every token where it was.
  const flows = matchingFlows(ctx, node, token);
  if (flows.length === 0) throw noMatchingFlow(node);
  for (const t of consumed) ctx.leave(t, []);
  ctx.leave(token, flows);
}
