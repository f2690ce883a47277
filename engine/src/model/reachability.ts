/**
 * Graph facts precomputed once per definition, so that the runtime never walks the graph:
 * for every inclusive gateway, the elements of its scope from which it can still be reached.
 * A converging inclusive gateway fires when no token in its scope sits on such an element
 * (Camunda 7 semantics: wait exactly for the tokens that can still arrive).
 */
import type { ExecutableProcess } from './executable-model';

/** For each inclusive gateway id, the ids of the elements (same scope) that can reach it. */
export function computeInclusiveJoinSources(model: ExecutableProcess): Map<string, ReadonlySet<string>> {
  const result = new Map<string, ReadonlySet<string>>();
  for (const node of model.elements.values()) {
    if (node.kind !== 'inclusiveGateway') continue;
    result.set(node.id, reverseReachable(model, node.id));
  }
  return result;
}

function reverseReachable(model: ExecutableProcess, targetId: string): Set<string> {
  const seen = new Set<string>();
  const stack = [targetId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const node = model.elements.get(id);
    if (!node) continue;
    // A boundary event is reached from the activity it is attached to.
    const sources = node.incoming.map((flowId) => model.flows.get(flowId)?.sourceId);
    if (node.attachedToId) sources.push(node.attachedToId);
    for (const source of sources) {
      // The gateway itself is not a source: a token waiting there does not block it.
      if (source && source !== targetId && !seen.has(source)) {
        seen.add(source);
        stack.push(source);
      }
    }
  }
  return seen;
}
