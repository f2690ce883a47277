/**
 * The event side of a command's execution: messages and signals (subscriptions, delivery,
 * broadcast), conditional events, BPMN errors and escalations thrown outward to their catch,
 * compensation, and the cross-instance requests of call activities. ProcessExecution adds the
 * commands and the rest of the BehaviorContext on top; the run loop is ExecutionCore's.
 */
import type { CompiledExpression } from '../expression';
import { BatonError } from '../errors';
import type { ThrownEvent, TriggerSignal } from '../behaviors/context';
import { behaviors } from '../behaviors/registry';
import { requireElement, type FlowNode } from '../model/executable-model';
import type { EventSubscriptionRecord, JobRecord, TokenRecord } from '../persistence/records';
import { inferTypedValue, type VariableMap } from '../variables/typed-value';
import { buildJob } from './job-factory';
import { broadcastInInstance, deliverToSubscription } from './event-delivery';
import { settleConditionalEvents } from './conditional-events';
import type { CallRequest } from './called-instances';
import { applyCatch, findCatch } from './event-propagation';
import { moveCompensations, takeCompensationHandlers } from './compensation';
import { ExecutionCore } from './execution-core';

/** Events of one command's execution over one instance. */
export abstract class EventExecution extends ExecutionCore {
  /** Ends the instance from outside (delete/cancel), terminating every token. */
  abstract cancelInstance(reason: string | null): void;

  /** Call activity work for other instances (start, cancel), settled by CalledInstances before the flush. */
  readonly callRequests: CallRequest[] = [];

  /** An event sub-process timer fired: interrupting ones first end everything else in its scope instance. */
  startEventSubProcess(job: JobRecord): void {
    this.triggerEventSubProcess(requireElement(this.model, job.elementId), job.payload.scopeInstanceId!);
    this.run();
  }

  /** Starts the event sub-process of `start` in a scope instance; interrupting ones end everything else there first. */
  protected triggerEventSubProcess(start: FlowNode, scopeInstanceId: string): void {
    if (start.cancelActivity) {
      for (const t of this.tokensInScope(scopeInstanceId)) this.terminateToken(t);
      this.dropScopeTriggers(scopeInstanceId);
    }
    this.spawn(start.scopeId, scopeInstanceId, null);
  }

  /**
   * Delivers a message or signal to one of the instance's subscriptions, with the variables
   * it carries, and runs until everything rests. False when the subscription is gone.
   */
  deliverEvent(subscriptionId: string, variables: VariableMap = {}, localVariables: VariableMap = {}): boolean {
    const delivered = deliverToSubscription(this, subscriptionId, variables, localVariables);
    if (delivered) this.run();
    return delivered;
  }

  /** Variables of the scope instance a subscription delivers into (correlation keys compare against them). */
  subscriptionScope(sub: EventSubscriptionRecord): string {
    return sub.scopeInstanceId ?? this.token(sub.tokenId)?.scopeInstanceId ?? this.ws.instance.id;
  }

  /** Set when this (called) instance ended because of an error that its calling instance must receive. */
  propagatedError: ThrownEvent | null = null;

  /** Runs until everything rests after variables changed from outside (conditional events react). */
  settle(): void {
    this.run();
  }

  /** Evaluates a condition for a token; an evaluation error becomes an incident of the token (false). */
  guardedCondition(token: TokenRecord, condition: CompiledExpression): boolean {
    let holds = false;
    this.guarded(token, () => {
      holds = this.evaluateCondition(condition, token);
    });
    return holds;
  }

  protected settleConditions(): boolean {
    return settleConditionalEvents(this, this.pendingConditions);
  }

  /** Fires a boundary event without running the loop (event delivery runs it once at the end). */
  fireBoundaryNow(host: TokenRecord, boundary: FlowNode): void {
    this.guarded(host, () => behaviors[boundary.kind].fireAttached?.(this, boundary, host));
  }

  /** Triggers a waiting token without running the loop. */
  fireNow(token: TokenRecord, signal: TriggerSignal): void {
    this.fire(token, signal);
  }

  /** Starts an event sub-process without running the loop. */
  startEventSubProcessNow(start: FlowNode, scopeInstanceId: string): void {
    this.triggerEventSubProcess(start, scopeInstanceId);
  }

  /** A worker reported a BPMN error for the token's external task: propagated like an error end event. */
  throwBpmnError(token: TokenRecord, code: string, message: string | null): void {
    this.throwAt(token, { type: 'error', code, message });
  }

  /** Throws an escalation at a waiting token (a call activity) and runs; the token waits on unless a catch interrupts it. */
  escalateAt(token: TokenRecord, event: ThrownEvent): void {
    this.guarded(token, () => this.throwEvent(token, event));
    this.run();
  }

  /** Throws an error at a waiting token (external task, call activity) and runs; uncaught, its path ends. */
  throwAt(token: TokenRecord, event: ThrownEvent): void {
    this.guarded(token, () => {
      if (this.throwEvent(token, event)) this.leave(token, []);
    });
    this.run();
  }

  /** Sets the variables a catching event declares (camunda:errorCodeVariable, …) with Camunda's propagation rule. */
  setVariables(scopeInstanceId: string, values: Record<string, string | null>): void {
    const typed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, inferTypedValue(v)]));
    this.variables.setAll(scopeInstanceId, typed);
  }

  /** True while the scope instance (the process instance or a sub-process instance) is active. */
  scopeAlive(scopeInstanceId: string): boolean {
    return scopeInstanceId === this.ws.instance.id || this.ws.instance.scopes.some((s) => s.id === scopeInstanceId);
  }

  /** A new id (jobs the handlers create). */
  newId(): string {
    return this.settings.newId();
  }

  /** Live tokens of the instance by id. */
  token(id: string | null): TokenRecord | undefined {
    return id ? this.ws.instance.tokens.find((t) => t.id === id) : undefined;
  }

  subscribe(token: TokenRecord, node: FlowNode): void {
    this.addSubscription(node, token, { tokenId: token.id, scopeInstanceId: null });
  }

  eventReceivedAt(elementId: string, scopeInstanceId: string): void {
    this.receivedEvents.add(`${elementId}\u0000${scopeInstanceId}`);
  }

  takeReceivedEvent(token: TokenRecord): boolean {
    return this.receivedEvents.delete(`${token.elementId}\u0000${token.scopeInstanceId}`);
  }

  throwSignal(token: TokenRecord, node: FlowNode): boolean {
    const name = this.evaluate(node.event!.name, token);
    if (typeof name !== 'string' || name === '') {
      throw new BatonError('EXPRESSION_EVALUATION', `The signal name of '${node.id}' evaluated to ${JSON.stringify(name)}, not a name`);
    }
    this.ws.emit('signal.thrown', node.id, name);
    broadcastInInstance(this, name);
    this.addSignalBroadcastJob(node, token, name);
    return this.ws.instance.tokens.includes(token);
  }

  checkConditionsOf(host: TokenRecord): void {
    this.pendingConditions.hosts.add(host.id);
  }

  /** Other instances and start events get a thrown signal from a job committed with this command (an outbox). */
  private addSignalBroadcastJob(node: FlowNode, token: TokenRecord, name: string): void {
    const now = this.ws.time();
    const owner = { definition: this.definition, instanceId: null, tokenId: null };
    const payload = { signal: { name, thrownAt: now.toISOString(), sourceInstanceId: this.ws.instance.id } };
    const ctx = this.variables.expressionContext(token);
    this.ws.addJob(buildJob(owner, node, { type: 'signal-broadcast', config: name, payload, dueAt: now }, ctx, this.settings.newId, now));
  }

  throwEvent(token: TokenRecord, event: ThrownEvent): boolean {
    // Waiting = inside its element, so an interrupting catch ends its activity instance like any other.
    token.status = 'waiting';
    const caught = findCatch(this.model, this.ws.instance, token, event);
    if (caught) applyCatch(this, caught, event);
    else this.uncaught(token, event);
    return this.ws.instance.tokens.includes(token);
  }

  /**
   * Nothing in this instance catches the event. A called instance hands an error to its calling
   * instance: it ends here and called-instances.ts throws the error at the call activity's token.
   */
  protected uncaught(token: TokenRecord, event: ThrownEvent): void {
    if (event.type === 'cancel') {
      throw new Error(`Cancel end event '${token.elementId}' has no cancel boundary event: the model checks should have rejected it`);
    }
    const superInstanceId = this.ws.instance.superInstanceId;
    if (event.type === 'escalation' && superInstanceId) {
      // Goes on at the calling activity (called-instances.ts); the flow here continues either way.
      this.callRequests.push({ kind: 'escalate', calledInstanceId: this.ws.instance.id, superInstanceId, event });
      return;
    }
    if (event.type === 'error' && superInstanceId) {
      // Camunda 7 propagates an uncaught error through the call activity and ends the called instance.
      this.propagatedError = event;
      this.cancelInstance(`BPMN error '${event.code}' thrown at '${token.elementId}' propagated to the calling process instance`);
      return;
    }
    this.ws.emit(event.type === 'error' ? 'error.uncaught' : 'escalation.uncaught', token.elementId, event.code);
    // Camunda 7 ends the throwing path as a none end event would (BpmnExceptionHandler:
    // execution.end) and only logs it. Baton keeps that outcome, so models behave the same,
    // but never silently: the event log has error.uncaught, and the first such error is kept
    // in the instance state and becomes the history delete reason when the instance completes
    // (now or later). An uncaught escalation is no failure at all (Camunda 7: "the execution
    // just continues"), so it leaves no reason.
    if (event.type === 'error') this.ws.instance.uncaughtError ??= `BPMN error '${event.code}' thrown at '${token.elementId}' was not caught`;
  }

  compensate(token: TokenRecord, activityRef: string | null): boolean {
    const handlers = takeCompensationHandlers(this.model, this.ws.instance, token.scopeInstanceId, activityRef);
    // Handlers run in the throwing scope instance (Camunda runs them in the compensated scope with
    // a variable snapshot of a completed sub-process; Baton keeps no snapshots), all started at once
    // in reverse completion order, as Camunda starts its concurrent compensation executions.
    for (const h of handlers) {
      const handler = this.spawn(h.handlerId, token.scopeInstanceId, null);
      handler.compensationOf = token.id;
      // A compensation event sub-process's scope instance will carry the handler token's activity instance id.
      if (h.heldScopeId) moveCompensations(this.ws.instance, h.heldScopeId, handler.activityInstanceId);
    }
    return handlers.length > 0;
  }
}
