/**
 * Builds job rows: async continuations and timers of an instance, and timer start jobs of a
 * definition. Priority and retry cycle come from the element's (evaluated) job settings.
 */
import { BatonError } from '../errors';
import type { ExpressionContext } from '../expression';
import { NOT_FOUND } from '../expression';
import type { FlowNode } from '../model/executable-model';
import type { EventSubscriptionRecord, JobHandlerType, JobPayload, JobRecord, ProcessDefinitionRecord, TimerState } from '../persistence/records';
import { firstFiring } from '../timer/timer-definition';
import { formatCamundaDate } from '../variables/wire-format';

/** Where a new job belongs. */
export interface JobOwner {
  readonly definition: ProcessDefinitionRecord;
  readonly instanceId: string | null;
  readonly tokenId: string | null;
}

/** A job row with the element's priority and retry cycle evaluated in `ctx`. */
export function buildJob(
  owner: JobOwner, node: FlowNode, handler: { type: JobHandlerType; config: string; payload: JobPayload; dueAt: Date },
  ctx: ExpressionContext, newId: () => string, now: Date,
): JobRecord {
  const priority = node.jobs.priority ? integer(node, 'camunda:jobPriority', node.jobs.priority.evaluate(ctx)) : 0;
  const retryCycle = node.jobs.retryCycle ? String(node.jobs.retryCycle.evaluate(ctx)) : null;
  return {
    id: newId(), instanceId: owner.instanceId, definitionId: owner.definition.id, definitionKey: owner.definition.key,
    elementId: node.id, tokenId: owner.tokenId, handlerType: handler.type, handlerConfig: handler.config, payload: handler.payload,
    dueAt: handler.dueAt, retries: 3, retryCycle, priority, exclusive: node.jobs.exclusive, suspended: false, lockOwner: null,
    lockExpiresAt: null, exceptionMessage: null, exceptionStacktrace: null, created: now, tenantId: owner.definition.tenantId,
  };
}

/** Evaluates a timer definition and computes its first firing; an invalid result is TIMER_INVALID. */
export function evaluateTimer(node: FlowNode, ctx: ExpressionContext, now: Date): { dueAt: Date; state: TimerState } {
  const spec = node.timer!;
  const value = spec.definition.evaluate(ctx);
  const text = value instanceof Date ? formatCamundaDate(value) : String(value ?? '');
  try {
    return firstFiring(spec.kind, text, now);
  } catch (err) {
    throw new BatonError('TIMER_INVALID', `Timer of '${node.id}' (${spec.definition.source}): ${(err as Error).message}`);
  }
}

/** An expression context without variables (timer start events evaluate here, at deploy time). */
export function emptyContext(now: () => Date): ExpressionContext {
  return { resolve: () => NOT_FOUND, now };
}

/** The timer start jobs of a freshly deployed definition. */
export function timerStartJobs(definition: ProcessDefinitionRecord, nodes: readonly FlowNode[], newId: () => string, now: Date): JobRecord[] {
  return nodes.map((node) => {
    const ctx = emptyContext(() => now);
    const { dueAt, state } = evaluateTimer(node, ctx, now);
    return buildJob({ definition, instanceId: null, tokenId: null }, node, { type: 'timer-start-event', config: node.id, payload: { timer: state }, dueAt }, ctx, newId, now);
  });
}

/** The message and signal start subscriptions of a freshly deployed definition (names evaluated without variables). */
export function startSubscriptions(definition: ProcessDefinitionRecord, nodes: readonly FlowNode[], newId: () => string, now: Date): EventSubscriptionRecord[] {
  return nodes.map((node) => {
    const name = node.event!.name.evaluate(emptyContext(() => now));
    if (typeof name !== 'string' || name === '') throw new BatonError('BPMN_INVALID', `The ${node.event!.type} name of start event '${node.id}' is not a name: ${String(name)}`);
    return {
      id: newId(), eventType: node.event!.type, eventName: name, instanceId: null, rootInstanceId: null, definitionId: definition.id, definitionKey: definition.key,
      activityId: node.id, tokenId: null, scopeInstanceId: null, created: now, tenantId: definition.tenantId,
    };
  });
}

function integer(node: FlowNode, attr: string, v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw new BatonError('EXPRESSION_EVALUATION', `${attr} of '${node.id}' is not an integer: ${String(v)}`);
  return n;
}
