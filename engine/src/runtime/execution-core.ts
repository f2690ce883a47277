/**
 * The run loop and token mechanics shared by every command: moves tokens through behaviors
 * until every token rests (waits, ended or stuck in an incident) within a step budget, and
 * manages tokens, scopes, jobs and incidents in the working set. ProcessExecution adds the
 * commands and the BehaviorContext methods on top.
 */
import { BatonError } from '../errors';
import type { BehaviorContext, ElementBehavior, NewExternalTask, NewUserTask, ThrownEvent, TriggerSignal } from '../behaviors/context';
import type { CompiledExpression } from '../expression';
import { behaviors } from '../behaviors/registry';
import { attachBoundaryEvents } from '../behaviors/shared/boundary-attachment';
import { requireElement, requireFlow, type ExecutableProcess, type FlowNode } from '../model/executable-model';
import type { JobPayload, ProcessDefinitionRecord, TaskRecord, TokenRecord } from '../persistence/records';
import { buildJob, evaluateTimer } from './job-factory';
import { incidentRecord, joinGroups } from './runtime-records';
import { HistoryWriter } from './history-writer';
import { VariableScopes } from './variable-scopes';
import type { HandlerRegistry } from '../delegates/handler-registry';
import type { DelegateSpec } from '../model/delegation-model';
import { applyInputMappings } from './io-mappings';
import { notifyNodeListeners, notifyProcessListeners, notifyTakeListeners } from './listeners';
import type { CalledProcessRequest } from '../behaviors/context';
import type { VariableMap } from '../variables/typed-value';
import { dropCompensations, keepCompletedScope } from './compensation';
import type { WorkingSet } from './working-set';

/** Engine settings a command runs with. */
export interface ExecutionSettings {
  /** Maximum element entries per command; beyond it remaining tokens become incidents. */
  readonly stepBudget: number;
  readonly newId: () => string;
  /**
   * Job commands: a behavior error fails the command (rolled back, retried, then a failedJob
   * incident) instead of becoming a failedExecution incident, as Camunda 7 does in async context.
   */
  readonly failOnError?: boolean;
  /** Handlers for camunda:class / delegateExpression / expression (delegates/handler-registry.ts). */
  readonly handlers?: HandlerRegistry;
}

/** The behavior of a node. */
export const behaviorOf = (node: FlowNode): ElementBehavior => behaviors[node.kind];

/** The loop and the token mechanics; the BehaviorContext methods come from the subclass. */
export abstract class ExecutionCore implements BehaviorContext {
  readonly variables: VariableScopes;
  protected readonly history: HistoryWriter;
  protected readonly agenda: TokenRecord[] = [];
  /** Tokens whose async-before job ran (or whose incident is retried): enter for real now. */
  protected readonly asyncPassed = new Set<string>();
  /** Catch events whose event already happened (an event-based gateway chose them), by element and scope instance. */
  protected readonly receivedEvents = new Set<string>();
  /** Conditional events armed since the loop last settled (scope instances, host tokens). */
  protected readonly pendingConditions = { scopes: new Set<string>(), hosts: new Set<string>() };
  protected steps = 0;
  /** A modification with skipCustomListeners / skipIoMappings runs without them (Camunda's flags). */
  skipCustomListeners = false;
  /** A start not yet verified to run on the latest version refuses to run handlers (runtime/latest-definitions.ts). */
  refuseHandlers = false;
  skipIoMappings = false;
  protected lastEndedElementId: string | null = null;

  constructor(
    readonly ws: WorkingSet,
    readonly model: ExecutableProcess,
    readonly definition: ProcessDefinitionRecord,
    protected readonly settings: ExecutionSettings,
  ) {
    this.variables = new VariableScopes(ws, settings.newId);
    this.history = new HistoryWriter(ws, definition, model);
  }

  abstract evaluate(expression: CompiledExpression, token: TokenRecord): unknown;
  abstract evaluateCondition(expression: CompiledExpression, token: TokenRecord): boolean;
  abstract waitingTokensAt(elementId: string, scopeInstanceId: string): TokenRecord[];
  abstract tokensInScope(scopeInstanceId: string): TokenRecord[];
  abstract wait(token: TokenRecord): void;
  abstract leave(token: TokenRecord, flowIds: readonly string[]): void;
  abstract terminateOthersInScope(token: TokenRecord): void;
  abstract startScope(host: TokenRecord, node: FlowNode): void;
  abstract createUserTask(token: TokenRecord, task: NewUserTask): TaskRecord;
  abstract endUserTask(token: TokenRecord, reason: string): void;
  abstract createExternalTask(token: TokenRecord, task: NewExternalTask): void;
  abstract scheduleTimer(token: TokenRecord, node: FlowNode): void;
  abstract cancelActivity(token: TokenRecord): void;
  abstract startTokenAt(elementId: string, scopeInstanceId: string): TokenRecord;
  abstract subscribe(token: TokenRecord, node: FlowNode): void;
  abstract eventReceivedAt(elementId: string, scopeInstanceId: string): void;
  abstract takeReceivedEvent(token: TokenRecord): boolean;
  abstract throwSignal(token: TokenRecord, node: FlowNode): boolean;
  abstract jumpTo(token: TokenRecord, elementId: string): void;
  abstract checkConditionsOf(host: TokenRecord): void;
  /** Fires the conditional events concerned by this command's variable changes; true when something fired. */
  protected abstract settleConditions(): boolean;
  abstract startLoopScope(body: TokenRecord): string;
  abstract startLoopInstance(body: TokenRecord, elementId: string, locals: Readonly<Record<string, unknown>>): TokenRecord;
  abstract endLoopScope(body: TokenRecord): void;
  abstract setLocalVariables(scopeId: string, values: Readonly<Record<string, unknown>>): void;
  abstract localVariable(scopeId: string, name: string): unknown;
  abstract callDelegate(token: TokenRecord, spec: DelegateSpec): void;

  /** The registered handlers the command runs with. */
  get handlers(): HandlerRegistry | undefined {
    return this.settings.handlers;
  }
  abstract variablesOf(token: TokenRecord, local: boolean): VariableMap;
  abstract callProcess(token: TokenRecord, request: CalledProcessRequest): void;
  abstract cancelCalledProcess(token: TokenRecord): void;
  abstract throwEvent(token: TokenRecord, event: ThrownEvent): boolean;
  abstract compensate(token: TokenRecord, activityRef: string | null): boolean;

  protected moveOn(token: TokenRecord, flowIds: readonly string[]): void {
    if (flowIds.length === 0 && this.loopBodyOf(token)) return this.endLoopInstance(token);
    for (const flowId of flowIds) {
      const flow = requireFlow(this.model, flowId);
      this.ws.emit('flow.taken', flowId);
      notifyTakeListeners(this, flow, token);
      this.spawn(flow.targetId, token.scopeInstanceId, flowId);
    }
    if (flowIds.length === 0) this.lastEndedElementId = token.elementId;
    this.removeToken(token);
    this.completeScopeIfEmpty(token.scopeInstanceId);
    // After the scope check: the waiting throw event keeps the scope alive until it moves on itself.
    if (token.compensationOf) this.compensationHandlerDone(token.compensationOf);
  }

  /** A compensation handler ended: when it was the last one, the throw event waiting for them moves on. */
  protected compensationHandlerDone(throwerId: string): void {
    if (this.ws.instance.tokens.some((t) => t.compensationOf === throwerId)) return;
    const thrower = this.ws.instance.tokens.find((t) => t.id === throwerId);
    if (thrower) this.fire(thrower, { kind: 'compensationDone' });
  }

  /** Creates a job of the instance for `token` at `node`. */
  addJob(token: TokenRecord, node: FlowNode, type: 'async-continuation' | 'timer-transition' | 'timer-intermediate-transition', config: string, payload: JobPayload, dueAt: Date): void {
    const owner = { definition: this.definition, instanceId: this.ws.instance.id, tokenId: token.id };
    const job = buildJob(owner, node, { type, config, payload, dueAt }, this.variables.expressionContext(token), this.settings.newId, this.ws.time());
    job.suspended = this.ws.instance.suspended;
    this.ws.addJob(job);
    this.ws.emit('job.created', node.id, config);
  }

  protected suspendAsync(token: TokenRecord, node: FlowNode, phase: 'before' | 'after', payload: JobPayload): void {
    token.status = 'waiting';
    token.async = phase;
    this.addJob(token, node, 'async-continuation', `async-${phase}`, payload, this.ws.time());
  }

  /** Jobs (boundary timers, continuations), external tasks and event subscriptions of a token leave with it. */
  protected dropTokenWork(token: TokenRecord): void {
    for (const job of [...this.ws.jobs.values()]) if (job.tokenId === token.id) this.ws.removeJob(job.id);
    for (const task of [...this.ws.externalTasks.values()]) if (task.tokenId === token.id) this.ws.removeExternalTask(task.id);
    for (const sub of [...this.ws.eventSubscriptions.values()]) if (sub.tokenId === token.id) this.ws.removeEventSubscription(sub.id);
  }

  // ---- the loop -----------------------------------------------------------------------

  /** Runs the agenda until every token rests, then lets joins settle, until nothing moves. */
  protected run(): void {
    for (;;) {
      while (this.agenda.length > 0) {
        const token = this.agenda.shift()!;
        if (token.status !== 'ready' || !this.ws.instance.tokens.includes(token)) continue;
        if (++this.steps > this.settings.stepBudget) {
          this.budgetExceeded(token);
          return;
        }
        this.enter(token);
      }
      if (this.ws.ended) return;
      if (!this.settleJoins() && !this.settleConditions()) return;
    }
  }

  protected fire(token: TokenRecord, signal: TriggerSignal): void {
    const node = requireElement(this.model, token.elementId);
    const behavior = behaviors[node.kind];
    this.guarded(token, () => behavior.trigger?.(this, node, token, signal));
  }

  protected enter(token: TokenRecord): void {
    const node = requireElement(this.model, token.elementId);
    if (node.jobs.asyncBefore && !this.asyncPassed.has(token.id)) {
      this.guarded(token, () => this.suspendAsync(token, node, 'before', {}));
      return;
    }
    this.history.activityStarted(token, node);
    this.ws.emit('activity.started', node.id);
    this.guarded(token, () => {
      applyInputMappings(this, node, token);
      notifyNodeListeners(this, node, token, 'start');
      behaviors[node.kind].enter(this, node, token);
      const resting = token.status === 'waiting' && this.ws.instance.tokens.includes(token);
      if (resting && node.boundaryEventIds.length > 0) attachBoundaryEvents(this, node, token, behaviorOf);
    });
  }

  /** Runs a behavior step; a BatonError (expression, no matching flow, …) becomes an incident. */
  protected guarded(token: TokenRecord, step: () => void): void {
    try {
      step();
    } catch (err) {
      if (!(err instanceof BatonError) || this.settings.failOnError) throw err;
      this.raiseIncident(token, err.code, err.message);
    }
  }

  protected settleJoins(): boolean {
    let moved = false;
    for (const { node, behavior, tokens } of joinGroups(this.ws, this.model)) {
      this.guarded(tokens[0]!, () => {
        moved = behavior.settle!(this, node, tokens) || moved;
      });
    }
    return moved;
  }

  protected budgetExceeded(first: TokenRecord): void {
    const message = `Step budget of ${this.settings.stepBudget} element entries per command exceeded: the model loops without reaching a wait state`;
    for (const token of [first, ...this.agenda]) {
      if (token.status === 'ready' && this.ws.instance.tokens.includes(token)) {
        this.raiseIncident(token, 'STEP_BUDGET_EXCEEDED', message);
      }
    }
    this.agenda.length = 0;
  }

  /** Puts a token into an incident (it rests until the incident is retried). */
  raiseIncident(token: TokenRecord, code: string, message: string, type = 'failedExecution', configuration: string | null = null): void {
    token.status = 'incident';
    const incident = incidentRecord(this.ws, token, { id: this.settings.newId(), type, code, message, configuration });
    this.ws.incidents.set(incident.id, incident);
    this.ws.incidentChanges.insert(incident);
    this.ws.emit('incident.created', token.elementId, code);
  }

  // ---- tokens and scopes ----------------------------------------------------------------

  protected spawn(elementId: string, scopeInstanceId: string, flowId: string | null): TokenRecord {
    const token: TokenRecord = {
      id: this.settings.newId(), elementId, scopeInstanceId, status: 'ready', activityInstanceId: this.settings.newId(), flowId,
    };
    this.ws.instance.tokens.push(token);
    this.agenda.push(token);
    return token;
  }

  protected removeToken(token: TokenRecord): void {
    this.dropTokenWork(token);
    // Variables local to a loop instance (loopCounter, element variable) leave with it.
    if (this.loopBodyOf(token)) this.ws.dropScopeVariables(token.activityInstanceId);
    const tokens = this.ws.instance.tokens;
    const index = tokens.indexOf(token);
    if (index >= 0) tokens.splice(index, 1);
  }

  /** Removes a token without completing it: cleans up its element and any scope it hosts. */
  terminateToken(token: TokenRecord): void {
    const child = this.ws.instance.scopes.find((s) => s.hostTokenId === token.id);
    if (child) {
      for (const t of this.tokensInScope(child.id)) this.terminateToken(t);
      dropCompensations(this.ws.instance, child.id);
      this.endScope(child.id);
    }
    const node = requireElement(this.model, token.elementId);
    // A token waiting for an async continuation is not inside its activity (before) or has left it (after).
    const inside = token.status !== 'ready' && !token.async;
    if (inside) behaviors[node.kind].terminate?.(this, node, token);
    if (inside) notifyNodeListeners(this, node, token, 'end');
    for (const incident of [...this.ws.incidents.values()].filter((i) => i.tokenId === token.id)) {
      this.ws.incidents.delete(incident.id);
      this.ws.incidentChanges.delete(incident.id);
    }
    if (inside) {
      this.history.activityEnded(token, true);
      this.ws.emit('activity.terminated', token.elementId);
    }
    this.removeToken(token);
  }

  protected completeScopeIfEmpty(scopeInstanceId: string): void {
    if (this.ws.instance.tokens.some((t) => t.scopeInstanceId === scopeInstanceId)) return;
    if (scopeInstanceId === this.ws.instance.id) {
      notifyProcessListeners(this, this.model, 'end');
      this.history.processEnded('COMPLETED', this.lastEndedElementId, this.ws.instance.uncaughtError ?? null);
      this.ws.emit('process.completed', null);
      this.ws.markEnded();
      return;
    }
    const scope = this.ws.instance.scopes.find((s) => s.id === scopeInstanceId);
    if (!scope) return;
    keepCompletedScope(this.model, this.ws.instance, scope, this.settings.newId);
    this.endScope(scope.id);
    const host = this.ws.instance.tokens.find((t) => t.id === scope.hostTokenId);
    if (host) this.fire(host, { kind: 'scopeCompleted' });
  }

  /** Arms the event sub-processes of a scope instance that just started (timer jobs, message and signal subscriptions). */
  protected armEventSubProcesses(scopeModelId: string, scopeInstanceId: string): void {
    for (const espId of this.model.scopes.get(scopeModelId)?.eventSubProcessIds ?? []) {
      const start = requireElement(this.model, this.model.scopes.get(espId)!.startEventId);
      // Evaluated in the scope instance's variables, as a token resting there would see them.
      const at: TokenRecord = { id: scopeInstanceId, elementId: espId, scopeInstanceId, status: 'waiting', activityInstanceId: scopeInstanceId, flowId: null };
      if (start.event) {
        this.addSubscription(start, at, { tokenId: null, scopeInstanceId });
        continue;
      }
      if (start.conditional) this.pendingConditions.scopes.add(scopeInstanceId);
      if (!start.timer) continue;
      const ctx = this.variables.expressionContext(at);
      const { dueAt, state } = evaluateTimer(start, ctx, this.ws.time());
      const owner = { definition: this.definition, instanceId: this.ws.instance.id, tokenId: null };
      const payload = { timer: state, scopeInstanceId };
      const job = buildJob(owner, start, { type: 'timer-start-event-subprocess', config: start.id, payload, dueAt }, ctx, this.settings.newId, this.ws.time());
      this.ws.addJob(job);
      this.ws.emit('job.created', start.id, start.id);
    }
  }

  /** Adds a subscription to the event of `node`, its name evaluated where `at` rests. */
  protected addSubscription(node: FlowNode, at: TokenRecord, owner: { tokenId: string | null; scopeInstanceId: string | null }): void {
    const name = this.evaluate(node.event!.name, at);
    if (typeof name !== 'string' || name === '') {
      throw new BatonError('EXPRESSION_EVALUATION', `The ${node.event!.type} name of '${node.id}' evaluated to ${JSON.stringify(name)}, not a name`);
    }
    const i = this.ws.instance;
    this.ws.addEventSubscription({
      id: this.settings.newId(), eventType: node.event!.type, eventName: name, instanceId: i.id, rootInstanceId: i.rootInstanceId, definitionId: i.definitionId,
      definitionKey: i.definitionKey, activityId: node.id, ...owner, created: this.ws.time(), tenantId: i.tenantId,
    });
    this.ws.emit('event.subscribed', node.id, name);
  }

  /** Timer jobs and subscriptions of a scope instance's event sub-processes. */
  protected dropScopeTriggers(scopeId: string): void {
    for (const job of [...this.ws.jobs.values()]) if (job.payload.scopeInstanceId === scopeId) this.ws.removeJob(job.id);
    for (const sub of [...this.ws.eventSubscriptions.values()]) if (sub.scopeInstanceId === scopeId) this.ws.removeEventSubscription(sub.id);
  }

  protected endScope(scopeId: string): void {
    // The scope's event sub-process triggers leave with it.
    this.dropScopeTriggers(scopeId);
    this.ws.instance.scopes = this.ws.instance.scopes.filter((s) => s.id !== scopeId);
    this.ws.dropScopeVariables(scopeId);
  }

  /** The body token when `token` is an inner instance of a multi-instance or loop body, else undefined. */
  loopBodyOf(token: TokenRecord): TokenRecord | undefined {
    const scope = this.ws.instance.scopes.find((s) => s.id === token.scopeInstanceId);
    if (!scope || !this.model.elements.get(scope.elementId)?.loop) return undefined;
    return this.ws.instance.tokens.find((t) => t.id === scope.hostTokenId);
  }

  /** An inner loop instance completed: the body decides (next instance, completion), then the instance leaves. */
  protected endLoopInstance(token: TokenRecord): void {
    this.fire(this.loopBodyOf(token)!, { kind: 'loopInstanceCompleted', instance: token });
    this.removeToken(token);
    this.completeScopeIfEmpty(token.scopeInstanceId);
  }

  protected rootTokens(): TokenRecord[] {
    return this.tokensInScope(this.ws.instance.id);
  }
}
