/**
 * Which outgoing sequence flows a token takes when it leaves an element. Shared by
 * activities, events and the gateways, so that conditions and default flows behave the same
 * everywhere.
 */
import { BatonError } from '../../errors';
import { requireFlow, type FlowNode } from '../../model/executable-model';
import type { TokenRecord } from '../../persistence/records';
import type { BehaviorContext } from '../context';

/** Flows whose condition holds (unconditional flows hold); default flow only if none does. */
export function matchingFlows(ctx: BehaviorContext, node: FlowNode, token: TokenRecord): string[] {
  const taken = nonDefaultFlows(node).filter((id) => conditionHolds(ctx, id, token));
  if (taken.length === 0 && node.defaultFlowId) return [node.defaultFlowId];
  return taken;
}

/** The first flow (in model order) whose condition holds, else the default flow, else null. */
export function firstMatchingFlow(ctx: BehaviorContext, node: FlowNode, token: TokenRecord): string | null {
  for (const id of nonDefaultFlows(node)) {
    if (conditionHolds(ctx, id, token)) return id;
  }
  return node.defaultFlowId;
}

/** A gateway that can take no flow is stuck: an incident, with the element id, not a crash. */
export function noMatchingFlow(node: FlowNode): BatonError {
  return new BatonError(
    'NO_MATCHING_FLOW',
    `No outgoing sequence flow of ${node.bpmnType.replace('bpmn:', '')} '${node.id}' can be taken: no condition is true and there is no default flow`,
  );
}

/** Leaves an activity or event through its outgoing flows (implicit split on conditions). */
export function leaveActivity(ctx: BehaviorContext, node: FlowNode, token: TokenRecord): void {
  const flows = matchingFlows(ctx, node, token);
  if (node.outgoing.length > 0 && flows.length === 0) throw noMatchingFlow(node);
  ctx.leave(token, flows);
}

function nonDefaultFlows(node: FlowNode): string[] {
  return node.outgoing.filter((id) => id !== node.defaultFlowId);
}

function conditionHolds(ctx: BehaviorContext, flowId: string, token: TokenRecord): boolean {
  const condition = requireFlow(ctx.model, flowId).condition;
  return condition === null || ctx.evaluateCondition(condition, token);
}
