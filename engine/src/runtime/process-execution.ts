/**
 * One command's execution over one instance: the commands (start, trigger, continue a job,
 * retry, cancel) and the BehaviorContext behaviors see, over the run loop of ExecutionCore and
 * the events of EventExecution (messages, signals, conditions, errors, compensation).
 * Writes only to the working set, which the command flushes in one transaction.
 */
import { evaluateCondition, EXPRESSION_OBJECT, type CompiledExpression } from '../expression';
import { BatonError } from '../errors';
import type { CalledProcessRequest, NewExternalTask, NewUserTask, TriggerSignal } from '../behaviors/context';
import { behaviors } from '../behaviors/registry';
import { requireElement, type FlowNode } from '../model/executable-model';
import type { TaskRecord, TokenRecord } from '../persistence/records';
import { inferTypedValue, type VariableMap } from '../variables/typed-value';
import { evaluateTimer } from './job-factory';
import { externalTaskRecord, userTaskRecord } from './runtime-records';
import { EventExecution } from './event-execution';
import type { DelegateSpec, TaskListenerEvent } from '../model/delegation-model';
import { variableScopeOf } from './activity-scope';
import { invokeHandler } from './delegate-invocation';
import { applyOutputMappings, closeIoScope } from './io-mappings';
import { notifyNodeListeners, notifyProcessListeners, notifyTaskListeners } from './listeners';
import { dropTaskTimeouts, scheduleTaskTimeouts } from './task-timeouts';
import { visibleVariables } from './called-instances';
import { applyModification, type ModificationInstruction, type ModificationOptions } from './instance-modification';
import { subscribeCompensation } from './compensation';
import { currentUserId } from './user-operation-log';

export { behaviorOf, type ExecutionSettings } from './execution-core';

/** One command's execution over one instance. */
export class ProcessExecution extends EventExecution {
  /** Starts the (new) instance at its none start event, or at `startEventId` (a timer start event). */
  startInstance(startEventId?: string): void {
    const root = this.model.scopes.get(this.model.key)!;
    const start = startEventId ?? root.startEventId;
    if (!start) throw new BatonError('NOT_STARTABLE', `Process '${this.model.key}' has no none start event; it starts by its timer, message or signal start events only`);
    this.setInitiator(requireElement(this.model, start).initiator);
    this.history.processStarted(start);
    notifyProcessListeners(this, this.model, 'start');
    this.armEventSubProcesses(this.model.key, this.ws.instance.id);
    this.spawn(start, this.ws.instance.id, null);
    this.run();
  }

  /**
   * camunda:initiator: the variable gets the starting user's id (null without a user), as in
   * Camunda 7, where a start variable of the same name overrides it.
   */
  private setInitiator(name: string | null | undefined): void {
    if (!name || this.ws.variableAt(this.ws.instance.id, name)) return;
    this.variables.setAllLocal(this.ws.instance.id, { [name]: inferTypedValue(currentUserId()) });
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
    const previousActivityInstanceId = token.activityInstanceId;
    token.activityInstanceId = this.settings.newId();
    if (this.loopBodyOf(token)) this.moveLocalVariables(previousActivityInstanceId, token.activityInstanceId);
    token.status = 'ready';
    this.asyncPassed.add(token.id);
    this.agenda.push(token);
    this.run();
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
    notifyProcessListeners(this, this.model, 'end');
    this.history.processEnded('EXTERNALLY_TERMINATED', null, reason);
    this.ws.emit('process.terminated', null, reason ?? undefined);
    this.ws.markEnded();
  }

  /** Process instance modification (runtime/instance-modification.ts); an instance left without tokens is externally terminated. */
  modify(instructions: readonly ModificationInstruction[], options: ModificationOptions): void {
    this.skipCustomListeners = options.skipCustomListeners === true;
    this.skipIoMappings = options.skipIoMappings === true;
    applyModification(this, instructions, {
      startAndRun: (elementId, scopeInstanceId, flowId) => {
        this.spawn(elementId, scopeInstanceId, flowId);
        this.run();
      },
    });
    if (!this.ws.ended && this.ws.instance.tokens.length === 0) this.cancelInstance(options.annotation ?? null);
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
    applyOutputMappings(this, node, token);
    notifyNodeListeners(this, node, token, 'end');
    closeIoScope(this, token);
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
    this.taskCreatedListeners(token, record);
    return record;
  }

  endUserTask(token: TokenRecord, reason: string): void {
    const task = [...this.ws.tasks.values()].find((t) => t.tokenId === token.id);
    if (!task) return;
    if (reason === 'deleted') this.notifyTaskListeners(task, 'delete');
    dropTaskTimeouts(this.ws, task.id);
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

  jumpTo(token: TokenRecord, elementId: string): void {
    this.history.activityEnded(token, false);
    this.ws.emit('activity.completed', token.elementId);
    this.spawn(elementId, token.scopeInstanceId, null);
    this.removeToken(token);
  }

  startLoopScope(body: TokenRecord): string {
    // A body entered again (its incident retried) first drops what the failed attempt left.
    for (const stale of this.ws.instance.scopes.filter((x) => x.hostTokenId === body.id)) {
      for (const t of this.tokensInScope(stale.id)) this.terminateToken(t);
      this.endScope(stale.id);
    }
    this.ws.instance.scopes.push({ id: body.activityInstanceId, elementId: body.elementId, parentScopeInstanceId: body.scopeInstanceId, hostTokenId: body.id });
    return body.activityInstanceId;
  }

  startLoopInstance(body: TokenRecord, elementId: string, locals: Readonly<Record<string, unknown>>): TokenRecord {
    const token = this.spawn(elementId, body.activityInstanceId, null);
    this.setLocalVariables(token.activityInstanceId, locals);
    return token;
  }

  endLoopScope(body: TokenRecord): void {
    this.completeScopeIfEmpty(body.activityInstanceId);
  }

  setLocalVariables(scopeId: string, values: Readonly<Record<string, unknown>>): void {
    this.variables.setAllLocal(scopeId, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, inferTypedValue(v)])));
  }

  localVariable(scopeId: string, name: string): unknown {
    return this.ws.variableAt(scopeId, name)?.value;
  }

  /** Re-keys a loop instance's local variables to its new activity instance (incident retried). */
  private moveLocalVariables(from: string, to: string): void {
    const locals = [...this.ws.variables.values()].filter((v) => v.scopeId === from);
    this.variables.setAllLocal(to, Object.fromEntries(locals.map((v) => [v.name, { type: v.type, value: v.value }])));
    this.ws.dropScopeVariables(from);
  }

  callDelegate(token: TokenRecord, spec: DelegateSpec): void {
    const scopeId = variableScopeOf(this.ws, token);
    const target = { token, elementId: token.elementId, scopeId, eventName: null, transitionId: null, task: null };
    const result = invokeHandler(this, target, spec.ref, 'execute');
    if (spec.resultVariable && typeof result === 'object' && result !== null && EXPRESSION_OBJECT in result) {
      throw new BatonError('EXPRESSION_EVALUATION', `camunda:resultVariable of '${token.elementId}': the expression yields a handler or execution, not a value`);
    }
    if (spec.resultVariable) this.variables.setAll(scopeId, { [spec.resultVariable]: inferTypedValue(result) });
  }

  /** Runs the task listeners of a task's user task for `event` (engine commands: assignment, complete). */
  notifyTaskListeners(task: TaskRecord, event: TaskListenerEvent): void {
    const token = this.ws.instance.tokens.find((t) => t.id === task.tokenId);
    const node = this.model.elements.get(task.taskDefinitionKey);
    if (token && node) notifyTaskListeners(this, node, token, task, event);
  }

  /** create (and assignment, when created with an assignee) listeners; a failure takes the task back out. */
  private taskCreatedListeners(token: TokenRecord, task: TaskRecord): void {
    try {
      this.notifyTaskListeners(task, 'create');
      if (task.assignee) this.notifyTaskListeners(task, 'assignment');
      const node = this.model.elements.get(task.taskDefinitionKey);
      if (node) scheduleTaskTimeouts(this, node, token, task);
    } catch (err) {
      // The token goes into an incident and re-enters the user task on retry, creating it anew.
      dropTaskTimeouts(this.ws, task.id);
      this.ws.tasks.delete(task.id);
      this.ws.taskChanges.delete(task.id);
      this.ws.dropScopeVariables(task.id);
      this.history.taskEnded(task, 'deleted');
      throw err;
    }
  }

  variablesOf(token: TokenRecord, local: boolean): VariableMap {
    // The token's own activity instance comes first: a multi-instance element variable and loopCounter live there.
    const own = Object.fromEntries([...this.ws.variables.values()].filter((v) => v.scopeId === token.activityInstanceId).map((v) => [v.name, { type: v.type, value: v.value }]));
    return { ...visibleVariables(this.ws, this.variables, token.scopeInstanceId, local), ...own };
  }

  callProcess(token: TokenRecord, request: CalledProcessRequest): void {
    this.callRequests.push({ kind: 'start', tokenId: token.id, activityInstanceId: token.activityInstanceId, request });
  }

  cancelCalledProcess(token: TokenRecord): void {
    if (token.calledInstanceId) this.callRequests.push({ kind: 'cancel', instanceId: token.calledInstanceId });
    delete token.calledInstanceId;
  }
}
