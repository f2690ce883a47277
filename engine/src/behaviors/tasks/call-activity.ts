/**
 * Call activity: evaluates the called process key, its version binding, the business key and
 * the `camunda:in` mappings in the calling token's scope, asks the runtime to start the called
 * instance (it runs to its first wait state within the same command) and waits. When the
 * called instance completes, the runtime has already applied the `camunda:out` mappings and
 * triggers the token, which leaves. Cancelling the token cancels the called instance.
 *
 * Hook for BPMN errors thrown by the called instance (the errors helper): the runtime should
 * route an uncaught error of the child to this token's boundary events instead of triggering
 * `calledProcessCompleted` (see runtime/called-instances.ts, `childEnded`).
 */
import { BatonError } from '../../errors';
import type { CallActivitySpec } from '../../model/call-activity-spec';
import type { FlowNode } from '../../model/executable-model';
import type { TokenRecord } from '../../persistence/records';
import type { BehaviorContext, CalledProcessRequest, ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';
import { mapVariables } from './call-activity-mappings';

/** Behavior of `bpmn:callActivity`. */
export const callActivity: ElementBehavior = {
  enter: (ctx, node, token) => {
    const request = calledProcess(ctx, node, node.callActivity!, token);
    ctx.wait(token);
    ctx.callProcess(token, request);
  },
  trigger: (ctx, node, token, signal) => {
    if (signal.kind === 'calledProcessCompleted') leaveActivity(ctx, node, token);
  },
  terminate: (ctx, _node, token) => ctx.cancelCalledProcess(token),
};

function calledProcess(ctx: BehaviorContext, node: FlowNode, spec: CallActivitySpec, token: TokenRecord): CalledProcessRequest {
  const key = String(ctx.evaluate(spec.calledElement, token) ?? '').trim();
  if (!key) throw new BatonError('CALLED_ELEMENT_INVALID', `calledElement of call activity '${node.id}' evaluated to an empty process key`);
  const variables = mapVariables(spec.inputs, {
    variables: (local) => ctx.variablesOf(token, local),
    evaluate: (expression) => ctx.evaluate(expression, token),
  });
  const businessKey = spec.businessKey ? ctx.evaluate(spec.businessKey, token) : null;
  return {
    key,
    binding: spec.binding,
    version: spec.binding === 'version' ? version(node, ctx.evaluate(spec.version!, token)) : null,
    versionTag: spec.binding === 'versionTag' ? String(ctx.evaluate(spec.versionTag!, token)) : null,
    businessKey: businessKey === null || businessKey === undefined ? null : String(businessKey),
    variables,
  };
}

function version(node: FlowNode, value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new BatonError('CALLED_ELEMENT_INVALID', `camunda:calledElementVersion of call activity '${node.id}' is not a version number: ${String(value)}`);
  }
  return n;
}
