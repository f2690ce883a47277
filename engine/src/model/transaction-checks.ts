/**
 * Transaction sub-processes and cancel events, checked as Camunda 7 does: a cancel end event
 * lies directly inside a transaction, which then has exactly one cancel boundary event; a cancel
 * boundary event is attached to a transaction only, at most one per transaction.
 */
import type { ModelProblem } from '../errors';
import type { ExecutableProcess } from './executable-model';

/** Adds a problem (with the element id) for every misplaced cancel event. */
export function checkTransactions(model: ExecutableProcess, problems: ModelProblem[]): void {
  const cancelBoundaries = (transactionId: string) =>
    (model.elements.get(transactionId)?.boundaryEventIds ?? []).filter((id) => model.elements.get(id)?.kind === 'cancelBoundaryEvent');
  for (const node of model.elements.values()) {
    if (node.kind === 'cancelEndEvent') {
      if (model.elements.get(node.scopeId)?.kind !== 'transaction') {
        problems.push({ elementId: node.id, reason: 'a cancel end event is only allowed directly inside a transaction sub-process' });
      } else if (cancelBoundaries(node.scopeId).length !== 1) {
        problems.push({ elementId: node.id, reason: `transaction '${node.scopeId}' needs a cancel boundary event to catch this cancel end event` });
      }
    }
    if (node.kind === 'cancelBoundaryEvent') {
      const host = model.elements.get(node.attachedToId ?? '');
      if (host?.kind !== 'transaction') problems.push({ elementId: node.id, reason: 'a cancel boundary event can only be attached to a transaction sub-process' });
      else if (cancelBoundaries(host.id)[0] !== node.id) problems.push({ elementId: node.id, reason: 'a transaction sub-process has at most one cancel boundary event' });
    }
  }
}
