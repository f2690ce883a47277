/**
 * Structural checks for event-driven elements: event-based gateways lead to catch events
 * only, link throw events find exactly one catch event of their name in their scope, and
 * start/end events of every trigger kind have no incoming/outgoing flows.
 */
import type { ModelProblem } from '../errors';
import type { ExecutableProcess, FlowNode } from './executable-model';

const GATEWAY_TARGETS = new Set(['messageIntermediateCatchEvent', 'signalIntermediateCatchEvent', 'timerIntermediateCatchEvent', 'conditionalIntermediateCatchEvent']);

/** Runs the event checks on one process. */
export function validateEvents(model: ExecutableProcess): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const node of model.elements.values()) {
    const add = (reason: string) => problems.push({ elementId: node.id, reason });
    if (node.kind === 'eventBasedGateway') checkEventBasedGateway(model, node, add);
    if (node.kind === 'linkIntermediateThrowEvent') checkLink(model, node, add);
    if (node.kind === 'linkIntermediateCatchEvent' && node.incoming.length > 0) add('a link catch event has no incoming sequence flows');
    if ((node.kind === 'messageStartEvent' || node.kind === 'signalStartEvent' || node.kind === 'conditionalStartEvent') && node.incoming.length > 0) add('start event has incoming sequence flows');
    if (node.kind === 'signalEndEvent' && node.outgoing.length > 0) add('end event has outgoing sequence flows');
  }
  return problems;
}

function checkEventBasedGateway(model: ExecutableProcess, node: FlowNode, add: (reason: string) => void): void {
  if (node.outgoing.length < 2) add('an event-based gateway needs at least two outgoing sequence flows');
  for (const flowId of node.outgoing) {
    const flow = model.flows.get(flowId)!;
    if (flow.condition) add(`sequence flow '${flowId}' after an event-based gateway cannot have a condition`);
    const target = model.elements.get(flow.targetId);
    if (!target) continue;
    if (!GATEWAY_TARGETS.has(target.kind)) {
      add(`an event-based gateway can only lead to message, signal, timer or conditional intermediate catch events, not to '${target.id}'`);
    } else if (target.incoming.length !== 1) {
      add(`'${target.id}' after an event-based gateway must have exactly one incoming sequence flow`);
    }
  }
}

function checkLink(model: ExecutableProcess, node: FlowNode, add: (reason: string) => void): void {
  if (node.outgoing.length > 0) add('a link throw event has no outgoing sequence flows');
  const catches = [...model.elements.values()].filter((n) => n.kind === 'linkIntermediateCatchEvent' && n.link === node.link && n.scopeId === node.scopeId);
  if (catches.length !== 1) add(`link '${node.link ?? ''}' needs exactly one link catch event of that name in the same scope (found ${catches.length})`);
}

/** The link catch event a link throw event jumps to (validated at deploy time). */
export function linkTarget(model: ExecutableProcess, node: FlowNode): FlowNode {
  const target = [...model.elements.values()].find((n) => n.kind === 'linkIntermediateCatchEvent' && n.link === node.link && n.scopeId === node.scopeId);
  if (!target) throw new Error(`Link '${node.link ?? ''}' of '${node.id}' has no catch event`);
  return target;
}
