/**
 * Multi-instance body (`<id>#multiInstanceBody`), Camunda 7 semantics: on entry it evaluates
 * loopCardinality or camunda:collection once, opens its own scope with `nrOfInstances`,
 * `nrOfActiveInstances`, `nrOfCompletedInstances`, and starts the inner activity once per item
 * (all at once when parallel, one after the other when sequential) with `loopCounter` and the
 * element variable local to each inner instance. After each inner instance it evaluates the
 * completionCondition in that instance's variables; when it holds, the remaining instances are
 * cancelled. When its scope is empty the body leaves through the activity's outgoing flows.
 */
import { BatonError } from '../../errors';
import type { FlowNode } from '../../model/executable-model';
import type { MultiInstanceSpec } from '../../model/loop-spec';
import type { TokenRecord } from '../../persistence/records';
import type { BehaviorContext, ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of the multi-instance body of a `bpmn:multiInstanceLoopCharacteristics` activity. */
export const multiInstanceBody: ElementBehavior = {
  enter: (ctx, node, token) => {
    const spec = node.loop as MultiInstanceSpec;
    const items = spec.collection ? collection(ctx, node, spec, token) : null;
    const count = items ? items.length : cardinality(ctx, node, spec, token);
    // Zero instances: the body completes at once (Camunda 7 does the same).
    if (count === 0) return leaveActivity(ctx, node, token);
    ctx.wait(token);
    const scopeId = ctx.startLoopScope(token);
    ctx.setLocalVariables(scopeId, { nrOfInstances: count, nrOfActiveInstances: spec.sequential ? 1 : count, nrOfCompletedInstances: 0 });
    for (let i = 0; i < (spec.sequential ? 1 : count); i++) startInstance(ctx, spec, token, i, items);
  },
  trigger: (ctx, node, token, signal) => {
    // A body in an incident (condition failed) neither counts nor leaves; retrying it runs the loop again.
    if (token.status === 'incident') return;
    if (signal.kind === 'loopInstanceCompleted') instanceCompleted(ctx, node, token, signal.instance);
    else leaveActivity(ctx, node, token);
  },
};

function instanceCompleted(ctx: BehaviorContext, node: FlowNode, body: TokenRecord, instance: TokenRecord): void {
  const spec = node.loop as MultiInstanceSpec;
  const scopeId = body.activityInstanceId;
  const total = Number(ctx.localVariable(scopeId, 'nrOfInstances'));
  const completed = Number(ctx.localVariable(scopeId, 'nrOfCompletedInstances')) + 1;
  const active = spec.sequential ? 1 : Number(ctx.localVariable(scopeId, 'nrOfActiveInstances')) - 1;
  ctx.setLocalVariables(scopeId, { nrOfCompletedInstances: completed, nrOfActiveInstances: active });
  if (spec.completionCondition && ctx.evaluateCondition(spec.completionCondition, instance)) {
    for (const other of ctx.tokensInScope(scopeId)) if (other.id !== instance.id) ctx.cancelActivity(other);
    return;
  }
  // The collection is read again for each sequential instance, as Camunda 7 does.
  if (spec.sequential && completed < total) {
    const items = spec.collection ? collection(ctx, node, spec, body) : null;
    startInstance(ctx, spec, body, completed, items);
  }
}

function startInstance(ctx: BehaviorContext, spec: MultiInstanceSpec, body: TokenRecord, index: number, items: readonly unknown[] | null): void {
  const locals: Record<string, unknown> = { loopCounter: index };
  if (spec.elementVariable) locals[spec.elementVariable] = items?.[index] ?? null;
  ctx.startLoopInstance(body, spec.innerId, locals);
}

function collection(ctx: BehaviorContext, node: FlowNode, spec: MultiInstanceSpec, token: TokenRecord): readonly unknown[] {
  const value = ctx.evaluate(spec.collection!, token);
  if (!Array.isArray(value)) {
    throw new BatonError('EXPRESSION_EVALUATION', `camunda:collection of '${spec.innerId}' evaluated to ${describe(value)}, not a list (${node.id})`);
  }
  return value;
}

function cardinality(ctx: BehaviorContext, node: FlowNode, spec: MultiInstanceSpec, token: TokenRecord): number {
  const value = ctx.evaluate(spec.cardinality!, token);
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) {
    throw new BatonError('EXPRESSION_EVALUATION', `loopCardinality of '${spec.innerId}' evaluated to ${describe(value)}, not a non-negative integer (${node.id})`);
  }
  return n;
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
}
