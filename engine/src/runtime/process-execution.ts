/**
 * One command's execution over one instance: the commands (start, trigger, continue a job,
 * retry, cancel) and the BehaviorContext behaviors see, over the run loop of ExecutionCore.
 * Writes only to the working set, which the command flushes in one transaction.
 */
import type { CompiledExpression } from '../expression';
import { evaluateCondition } from '../expression';
import { BatonError } from '../errors';
import type { NewExternalTask, NewUserTask, ThrownEvent, TriggerSignal } from '../behaviors/context';
import { behaviors } from '../behaviors/registry';
import { requireElement, requireFlow, type FlowNode } from '../model/executable-model';
import type { JobRecord, TaskRecord, TokenRecord } from '../persistence/records';
import { evaluateTimer } from './job-factory';
import { externalTaskRecord, userTaskRecord } from './runtime-records';
import { ExecutionCore } from './execution-core';
import { applyCatch, findCatch } from './event-propagation';
import { moveCompensations, subscribeCompensation, takeCompensationHandlers } from './compensation';
import { inferTypedValue } from '../variables/typed-value';

export { behaviorOf, type ExecutionSettings } from './execution-core';


/** One command's execution over one instance. */
export class ProcessExecution extends ExecutionCore {
  /** Starts the (new) instance at its none start event, or at `startEventId` (a timer start event). */
  startInstance(startEventId?: string): void {
    const root = this.model.scopes.get(this.model.key)!;
    const start = startEventId ?? root.startEventId;
    if (!start) throw new BatonError('NOT_STARTABLE', `Process '${this.model.key}' has no none start event; it starts by its timers only`);
    this.history.processStarted(start);
    this.armEventSubProcesses(this.model.key, this.ws.instance.id);
    this.spawn(start, this.ws.instance.id, null);
    this.run();
  }

  /** An event sub-process timer fired: interrupting ones first end everything else in its scope instance. */
  startEventSubProcess(job: JobRecord): void {
    this.triggerEventSubProcess(requireElement(this.model, job.elementId), job.payload.scopeInstanceId!);
    this.run();
  }

  /** Starts the event sub-process of `start` in a scope instance; interrupting ones end everything else there first. */
  protected triggerEventSubProcess(start: FlowNode, scopeInstanceId: string): void {
    if (start.cancelActivity) {
      for (const t of this.tokensInScope(scopeInstanceId)) this.terminateToken(t);
      for (const other of [...this.ws.jobs.values()]) if (other.payload.scopeInstanceId === scopeInstanceId) this.ws.removeJob(other.id);
    }
    this.spawn(start.scopeId, scopeInstanceId, null);
  }

  /** Starts an event sub-process without running the loop (a caught error or escalation). */
  startEventSubProcessNow(start: FlowNode, scopeInstanceId: string): void {
    this.triggerEventSubProcess(start, scopeInstanceId);
  }

  /** A worker reported a BPMN error for the token's external task: propagated like an error end event. */
  throwBpmnError(token: TokenRecord, code: string, message: string | null): void {
    this.guarded(token, () => {
      if (this.throwEvent(token, { type: 'error', code, message })) this.leave(token, []);
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

  /** An async-before job ran: the token enters its element now. */
  continueAsyncBefore(token: TokenRecord): void {
    delete token.async;
    token.status = 'ready';
    this.asyncPassed.add(token.id);
    this.agenda.push(token);
    this.run();
  }

  /** An async-after job ran: the token takes the flows chosen when its activity completed. */
  continueAsyncAfter(token: TokenRecord, flowIds: readonly string[]): void {
    delete token.async;
    this.moveOn(token, flowIds);
    this.run();
  }

  /** A boundary event fired on its host token; runs until everything rests. */
  fireBoundary(host: TokenRecord, boundary: FlowNode): void {
    this.guarded(host, () => behaviors[boundary.kind].fireAttached?.(this, boundary, host));
    this.run();
  }

  /** Retries a failedExecution incident: the token enters its element again (new activity instance). */
  retryToken(token: TokenRecord): void {
    this.history.activityEnded(token, true);
    token.activityInstanceId = this.settings.newId();
    token.status = 'ready';
    this.asyncPassed.add(token.id);
    this.agenda.push(token);
    this.run();
  }

  /** A new id (jobs the handlers create). */
  newId(): string {
    return this.settings.newId();
  }

  /** Live tokens of the instance by id. */
  token(id: string | null): TokenRecord | undefined {
    return id ? this.ws.instance.tokens.find((t) => t.id === id) : undefined;
  }

  /** Triggers a waiting token (task completed, …) and runs until everything rests. */
  trigger(token: TokenRecord, signal: TriggerSignal): void {
    this.fire(token, signal);
    this.run();
  }

  /** Ends the instance from outside (delete/cancel), terminating every token. */
  cancelInstance(reason: string | null): void {
    for (const token of this.rootTokens()) this.terminateToken(token);
    this.ws.instance.scopes = [];
    this.history.processEnded('EXTERNALLY_TERMINATED', null, reason);
    this.ws.emit('process.terminated', null, reason ?? undefined);
    this.ws.markEnded();
  }

  /** Records a change of a task's fields in history. */
  historyTaskUpdated(task: TaskRecord): void {
    this.history.taskUpdated(task);
  }

  // ---- BehaviorContext ---------------------------------------------------------------

  evaluate(expression: CompiledExpression, token: TokenRecord): unknown {
    return expression.evaluate(this.variables.expressionContext(token));
  }

  evaluateCondition(expression: CompiledExpression, token: TokenRecord): boolean {
    return evaluateCondition(expression.source, this.variables.expressionContext(token));
  }

  waitingTokensAt(elementId: string, scopeInstanceId: string): TokenRecord[] {
    // Tokens waiting for an async continuation have not arrived (before) or already left (after).
    return this.ws.instance.tokens.filter(
      (t) => t.elementId === elementId && t.scopeInstanceId === scopeInstanceId && t.status === 'waiting' && !t.async,
    );
  }

  tokensInScope(scopeInstanceId: string): TokenRecord[] {
    return this.ws.instance.tokens.filter((t) => t.scopeInstanceId === scopeInstanceId);
  }

  wait(token: TokenRecord): void {
    token.status = 'waiting';
  }

  leave(token: TokenRecord, flowIds: readonly string[]): void {
    const node = requireElement(this.model, token.elementId);
    this.history.activityEnded(token, false);
    this.ws.emit('activity.completed', token.elementId);
    if (node.boundaryEventIds.length > 0) subscribeCompensation(this.model, this.ws.instance, token, node, this.settings.newId);
    // Consumed join tokens (no flows at an element that has some) do not continue asynchronously.
    if (node.jobs.asyncAfter && (flowIds.length > 0 || node.outgoing.length === 0)) {
      this.dropTokenWork(token);
      this.suspendAsync(token, node, 'after', { flowIds: [...flowIds] });
      return;
    }
    this.moveOn(token, flowIds);
  }

  terminateOthersInScope(token: TokenRecord): void {
    for (const other of this.tokensInScope(token.scopeInstanceId)) {
      if (other.id !== token.id) this.terminateToken(other);
    }
  }

  startScope(host: TokenRecord, node: FlowNode): void {
    const scopeModel = this.model.scopes.get(node.id)!;
    this.ws.instance.scopes.push({
      id: host.activityInstanceId, elementId: node.id, parentScopeInstanceId: host.scopeInstanceId, hostTokenId: host.id,
    });
    this.armEventSubProcesses(node.id, host.activityInstanceId);
    this.spawn(scopeModel.startEventId, host.activityInstanceId, null);
  }

  createUserTask(token: TokenRecord, task: NewUserTask): TaskRecord {
    const record = userTaskRecord(this.ws, this.definition, this.model, token, task, this.settings.newId());
    this.ws.tasks.set(record.id, record);
    this.ws.taskChanges.insert(record);
    this.history.taskCreated(record);
    this.ws.emit('task.created', token.elementId, record.id);
    return record;
  }

  endUserTask(token: TokenRecord, reason: string): void {
    const task = [...this.ws.tasks.values()].find((t) => t.tokenId === token.id);
    if (!task) return;
    this.ws.tasks.delete(task.id);
    this.ws.taskChanges.delete(task.id);
    this.ws.dropScopeVariables(task.id);
    this.history.taskEnded(task, reason);
    this.ws.emit(reason === 'completed' ? 'task.completed' : 'task.deleted', token.elementId, task.id);
  }

  createExternalTask(token: TokenRecord, task: NewExternalTask): void {
    this.ws.addExternalTask(externalTaskRecord(this.ws, token, task, this.settings.newId()));
    this.ws.emit('externalTask.created', token.elementId, task.topicName);
  }

  scheduleTimer(token: TokenRecord, node: FlowNode): void {
    const ctx = this.variables.expressionContext(token);
    const { dueAt, state } = evaluateTimer(node, ctx, this.ws.time());
    const type = node.attachedToId ? 'timer-transition' : 'timer-intermediate-transition';
    this.addJob(token, node, type, node.id, { timer: state }, dueAt);
  }

  cancelActivity(token: TokenRecord): void {
    this.terminateToken(token);
  }

  startTokenAt(elementId: string, scopeInstanceId: string): TokenRecord {
    return this.spawn(elementId, scopeInstanceId, null);
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
   * Nothing in this instance catches the event. Hook for call activities: when the instance has
   * a super instance, continue the walk there from the call activity's token (see
   * event-propagation.ts) before treating the event as uncaught.
   */
  protected uncaught(token: TokenRecord, event: ThrownEvent): void {
    if (event.type === 'cancel') {
      throw new Error(`Cancel end event '${token.elementId}' has no cancel boundary event: the model checks should have rejected it`);
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
