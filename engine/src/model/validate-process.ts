/**
 * Structural checks of an executable process that the moddle parser does not make.
 * Each check returns problems (element id + reason); none throws.
 */
import type { ModelProblem } from '../errors';
import type { ExecutableProcess, FlowNode } from './executable-model';

/** Runs every structural check on one process. */
export function validateProcess(model: ExecutableProcess): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const flow of model.flows.values()) checkFlow(model, flow.id, problems);
  for (const node of model.elements.values()) checkNode(model, node, problems);
  return problems;
}

function checkFlow(model: ExecutableProcess, flowId: string, problems: ModelProblem[]): void {
  const flow = model.flows.get(flowId)!;
  const source = model.elements.get(flow.sourceId);
  const target = model.elements.get(flow.targetId);
  if (!flow.sourceId || !flow.targetId) {
    problems.push({ elementId: flowId, reason: 'sequence flow without source or target' });
  } else if (source && target && source.scopeId !== target.scopeId) {
    problems.push({ elementId: flowId, reason: `sequence flow crosses a sub-process boundary (${source.id} → ${target.id})` });
  }
}

function checkNode(model: ExecutableProcess, node: FlowNode, problems: ModelProblem[]): void {
  const add = (reason: string) => problems.push({ elementId: node.id, reason });
  const isGateway = node.kind.endsWith('Gateway');
  if (isGateway && node.outgoing.length === 0) add('gateway has no outgoing sequence flow');
  if ((node.kind === 'noneStartEvent' || node.kind === 'timerStartEvent') && node.incoming.length > 0) add('start event has incoming sequence flows');
  if (['errorStartEvent', 'escalationStartEvent', 'compensationStartEvent'].includes(node.kind) && node.incoming.length > 0) add('start event has incoming sequence flows');
  if (node.attachedToId !== null && node.incoming.length > 0) add('boundary event has incoming sequence flows');
  if (node.kind === 'eventSubProcess' && (node.incoming.length > 0 || node.outgoing.length > 0)) add('an event sub-process has no incoming or outgoing sequence flows');
  // A compensation boundary event leads to its handler by an association, not by flows.
  if (node.attachedToId !== null && node.outgoing.length === 0 && node.kind !== 'compensationBoundaryEvent') add('boundary event has no outgoing sequence flow');
  if (node.kind === 'compensationBoundaryEvent' && node.outgoing.length > 0) add('a compensation boundary event has no outgoing sequence flows (its handler is associated)');
  const codeEnd = ['errorEndEvent', 'escalationEndEvent', 'compensationEndEvent', 'cancelEndEvent'].includes(node.kind);
  if ((node.kind === 'noneEndEvent' || node.kind === 'terminateEndEvent' || node.kind === 'messageEndEvent' || codeEnd) && node.outgoing.length > 0) {
    add('end event has outgoing sequence flows');
  }
  if (node.defaultFlowId && !node.outgoing.includes(node.defaultFlowId)) {
    add(`default flow '${node.defaultFlowId}' is not an outgoing flow of this element`);
  }
  if (node.kind === 'parallelGateway' && node.defaultFlowId) add('a parallel gateway cannot have a default flow');
}
