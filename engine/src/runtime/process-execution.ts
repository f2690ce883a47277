/**
 * The run loop: moves tokens through behaviors until every token rests (waits, ended or
 * stuck in an incident), within a step budget. Implements the BehaviorContext; writes only
 * to the working set, which the command flushes in one transaction.
 */
import type { CompiledExpression } from '../expression';
import { evaluateCondition } from '../expression';
import { BatonError } from '../errors';
import type { BehaviorContext, ElementBehavior, NewUserTask, TriggerSignal } from '../behaviors/context';
import { behaviors } from '../behaviors/registry';
import { requireElement, requireFlow, type ExecutableProcess, type FlowNode } from '../model/executable-model';
import type { ProcessDefinitionRecord, TaskRecord, TokenRecord } from '../persistence/records';
import { VariableScopes } from './variable-scopes';
import type { WorkingSet } from './working-set';
import { HistoryWriter } from './history-writer';

/** Engine settings a command runs with. */
export interface ExecutionSettings {
  /** Maximum element entries per command; beyond it remaining tokens become incidents. */
  readonly stepBudget: number;
  readonly newId: () => string;
}

/** One command's execution over one instance. */
export class ProcessExecution implements BehaviorContext {
  readonly variables: VariableScopes;
  private readonly history: HistoryWriter;
  private readonly agenda: TokenRecord[] = [];
  private steps = 0;
  private lastEndedElementId: string | null = null;

  constructor(
    readonly ws: WorkingSet,
    readonly model: ExecutableProcess,
    readonly definition: ProcessDefinitionRecord,
    private readonly settings: ExecutionSettings,
  ) {
    this.variables = new VariableScopes(ws, settings.newId);
    this.history = new HistoryWriter(ws, definition, model);
  }

  /** Starts the (new) instance at its none start event. */
  startInstance(): void {
    this.history.processStarted();
    const root = this.model.scopes.get(this.model.key)!;
    this.spawn(root.startEventId, this.ws.instance.id, null);
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
    return this.ws.instance.tokens.filter(
      (t) => t.elementId === elementId && t.scopeInstanceId === scopeInstanceId && t.status === 'waiting',
    );
  }

  tokensInScope(scopeInstanceId: string): TokenRecord[] {
    return this.ws.instance.tokens.filter((t) => t.scopeInstanceId === scopeInstanceId);
  }

  wait(token: TokenRecord): void {
    token.status = 'waiting';
  }

  leave(token: TokenRecord, flowIds: readonly string[]): void {
    this.history.activityEnded(token, false);
    this.ws.emit('activity.completed', token.elementId);
    for (const flowId of flowIds) {
      const flow = requireFlow(this.model, flowId);
      this.ws.emit('flow.taken', flowId);
      this.spawn(flow.targetId, token.scopeInstanceId, flowId);
    }
    if (flowIds.length === 0) this.lastEndedElementId = token.elementId;
    this.removeToken(token);
    this.completeScopeIfEmpty(token.scopeInstanceId);
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
    this.spawn(scopeModel.startEventId, host.activityInstanceId, null);
  }

  createUserTask(token: TokenRecord, task: NewUserTask): TaskRecord {
    const record: TaskRecord = {
      id: this.settings.newId(),
      instanceId: this.ws.instance.id,
      definitionId: this.definition.id,
      definitionKey: this.definition.key,
      tokenId: token.id,
      activityInstanceId: token.activityInstanceId,
      taskDefinitionKey: token.elementId,
      name: task.name,
      description: task.description,
      assignee: task.assignee,
      owner: null,
      candidateUsers: [...task.candidateUsers],
      candidateGroups: [...task.candidateGroups],
      created: this.ws.time(),
      due: task.due,
      followUp: task.followUp,
      priority: task.priority,
      formKey: task.formKey,
      formRef: requireElement(this.model, token.elementId).form?.formRef ?? null,
      businessKey: this.ws.instance.businessKey,
      suspended: false,
    };
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

  // ---- the loop -----------------------------------------------------------------------

  /** Runs the agenda until every token rests, then lets joins settle, until nothing moves. */
  private run(): void {
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
      if (this.ws.ended || !this.settleJoins()) return;
    }
  }

  private fire(token: TokenRecord, signal: TriggerSignal): void {
    const node = requireElement(this.model, token.elementId);
    const behavior = behaviors[node.kind];
    this.guarded(token, () => behavior.trigger?.(this, node, token, signal));
  }

  private enter(token: TokenRecord): void {
    const node = requireElement(this.model, token.elementId);
    this.history.activityStarted(token, node);
    this.ws.emit('activity.started', node.id);
    this.guarded(token, () => behaviors[node.kind].enter(this, node, token));
  }

  /** Runs a behavior step; a BatonError (expression, no matching flow, …) becomes an incident. */
  private guarded(token: TokenRecord, step: () => void): void {
    try {
      step();
    } catch (err) {
      if (!(err instanceof BatonError)) throw err;
      this.raiseIncident(token, err.code, err.message);
    }
  }

  private settleJoins(): boolean {
    const groups = new Map<string, { node: FlowNode; behavior: ElementBehavior; tokens: TokenRecord[] }>();
    for (const token of this.ws.instance.tokens) {
      if (token.status !== 'waiting') continue;
      const node = requireElement(this.model, token.elementId);
      const behavior = behaviors[node.kind];
      if (!behavior.settle) continue;
      const key = `${node.id}\u0000${token.scopeInstanceId}`;
      const group = groups.get(key) ?? { node, behavior, tokens: [] };
      group.tokens.push(token);
      groups.set(key, group);
    }
    let moved = false;
    for (const { node, behavior, tokens } of groups.values()) {
      this.guarded(tokens[0]!, () => {
        moved = behavior.settle!(this, node, tokens) || moved;
      });
    }
    return moved;
  }

  private budgetExceeded(first: TokenRecord): void {
    const message = `Step budget of ${this.settings.stepBudget} element entries per command exceeded: the model loops without reaching a wait state`;
    for (const token of [first, ...this.agenda]) {
      if (token.status === 'ready' && this.ws.instance.tokens.includes(token)) {
        this.raiseIncident(token, 'STEP_BUDGET_EXCEEDED', message);
      }
    }
    this.agenda.length = 0;
  }

  private raiseIncident(token: TokenRecord, code: string, message: string): void {
    token.status = 'incident';
    const incident = {
      id: this.settings.newId(),
      instanceId: this.ws.instance.id,
      definitionId: this.definition.id,
      activityId: token.elementId,
      tokenId: token.id,
      incidentType: 'failedExecution',
      errorCode: code,
      message,
      timestamp: this.ws.time(),
    };
    this.ws.incidents.set(incident.id, incident);
    this.ws.incidentChanges.insert(incident);
    this.ws.emit('incident.created', token.elementId, code);
  }

  // ---- tokens and scopes ----------------------------------------------------------------

  private spawn(elementId: string, scopeInstanceId: string, flowId: string | null): TokenRecord {
    const token: TokenRecord = {
      id: this.settings.newId(), elementId, scopeInstanceId, status: 'ready', activityInstanceId: this.settings.newId(), flowId,
    };
    this.ws.instance.tokens.push(token);
    this.agenda.push(token);
    return token;
  }

  private removeToken(token: TokenRecord): void {
    const tokens = this.ws.instance.tokens;
    const index = tokens.indexOf(token);
    if (index >= 0) tokens.splice(index, 1);
  }

  /** Removes a token without completing it: cleans up its element and any scope it hosts. */
  private terminateToken(token: TokenRecord): void {
    const child = this.ws.instance.scopes.find((s) => s.hostTokenId === token.id);
    if (child) {
      for (const t of this.tokensInScope(child.id)) this.terminateToken(t);
      this.endScope(child.id);
    }
    const node = requireElement(this.model, token.elementId);
    if (token.status !== 'ready') behaviors[node.kind].terminate?.(this, node, token);
    for (const incident of [...this.ws.incidents.values()].filter((i) => i.tokenId === token.id)) {
      this.ws.incidents.delete(incident.id);
      this.ws.incidentChanges.delete(incident.id);
    }
    if (token.status !== 'ready') {
      this.history.activityEnded(token, true);
      this.ws.emit('activity.terminated', token.elementId);
    }
    this.removeToken(token);
  }

  private completeScopeIfEmpty(scopeInstanceId: string): void {
    if (this.ws.instance.tokens.some((t) => t.scopeInstanceId === scopeInstanceId)) return;
    if (scopeInstanceId === this.ws.instance.id) {
      this.history.processEnded('COMPLETED', this.lastEndedElementId, null);
      this.ws.emit('process.completed', null);
      this.ws.markEnded();
      return;
    }
    const scope = this.ws.instance.scopes.find((s) => s.id === scopeInstanceId);
    if (!scope) return;
    this.endScope(scope.id);
    const host = this.ws.instance.tokens.find((t) => t.id === scope.hostTokenId);
    if (host) this.fire(host, { kind: 'scopeCompleted' });
  }

  private endScope(scopeId: string): void {
    this.ws.instance.scopes = this.ws.instance.scopes.filter((s) => s.id !== scopeId);
    this.ws.dropScopeVariables(scopeId);
  }

  private rootTokens(): TokenRecord[] {
    return this.tokensInScope(this.ws.instance.id);
  }
}
