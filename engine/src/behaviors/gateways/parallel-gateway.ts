/**
 * Parallel gateway: joins wait for one token on every incoming flow, then fork on every
 * outgoing flow (conditions on outgoing flows are ignored, as BPMN and Camunda 7 do).
 */
import type { TokenRecord } from '../../persistence/records';
import type { ElementBehavior } from '../context';

/** Behavior of `bpmn:parallelGateway`. */
export const parallelGateway: ElementBehavior = {
  enter: (ctx, node, token) => {
    if (node.incoming.length <= 1) {
      ctx.leave(token, node.outgoing);
      return;
    }
    ctx.wait(token);
    const waiting = ctx.waitingTokensAt(node.id, token.scopeInstanceId);
    const chosen: TokenRecord[] = [];
    for (const flowId of node.incoming) {
      const first = waiting.find((t) => t.flowId === flowId);
      if (!first) return; // still waiting for a token on this flow
      chosen.push(first);
    }
    const [survivor, ...consumed] = chosen;
    for (const t of consumed) ctx.leave(t, []);
    ctx.leave(survivor!, node.outgoing);
  },
};
