/**
 * What a behavior may do. Defined here, beside the behaviors, and implemented by the runtime
 * (runtime/process-execution.ts), so the dependency stays one-way: runtime → behaviors → model.
 * Behaviors act on the in-memory working set only; they never touch SQL or HTTP.
 */
import type { CompiledExpression } from '../expression';
import type { ExecutableProcess, FlowNode } from '../model/executable-model';
import type { TaskRecord, TokenRecord } from '../persistence/records';

/** Values a user task is created with (already evaluated). */
export interface NewUserTask {
  readonly name: string | null;
  readonly description: string | null;
  readonly assignee: string | null;
  readonly candidateUsers: readonly string[];
  readonly candidateGroups: readonly string[];
  readonly due: Date | null;
  readonly followUp: Date | null;
  readonly priority: number;
  readonly formKey: string | null;
}

/** Values an external task is created with (already evaluated). */
export interface NewExternalTask {
  readonly topicName: string;
  readonly priority: number;
}

/** A BPMN error or escalation on its way to a catching boundary event or event sub-process. */
export interface ThrownEvent {
  /** 'cancel': a cancel end event cancels its transaction (caught by the transaction's cancel boundary event). */
  readonly type: 'error' | 'escalation' | 'cancel';
  readonly code: string;
  readonly message: string | null;
}

/** The runtime, as behaviors see it. */
export interface BehaviorContext {
  readonly model: ExecutableProcess;
  /** Evaluates an expression in the token's variable scope. */
  evaluate(expression: CompiledExpression, token: TokenRecord): unknown;
  /** Evaluates a condition (must yield a boolean) in the token's variable scope. */
  evaluateCondition(expression: CompiledExpression, token: TokenRecord): boolean;
  /** Live tokens resting at an element within one scope instance, oldest first. */
  waitingTokensAt(elementId: string, scopeInstanceId: string): TokenRecord[];
  /** Live tokens of a scope instance (any status). */
  tokensInScope(scopeInstanceId: string): TokenRecord[];
  /** The token rests here until triggered. */
  wait(token: TokenRecord): void;
  /** Completes the token's activity instance and moves it along these flows; no flows: it ends. */
  leave(token: TokenRecord, flowIds: readonly string[]): void;
  /** Ends every other token of the token's scope instance (terminate end event). */
  terminateOthersInScope(token: TokenRecord): void;
  /** Starts the embedded scope of `node` hosted by the (waiting) token. */
  startScope(host: TokenRecord, node: FlowNode): void;
  /** Creates the user task of a waiting token. */
  createUserTask(token: TokenRecord, task: NewUserTask): TaskRecord;
  /** Removes the token's user task; `reason` goes to history ('completed', 'deleted'). */
  endUserTask(token: TokenRecord, reason: string): void;
  /** Creates the external task of a waiting token (service/send/business rule task, message event). */
  createExternalTask(token: TokenRecord, task: NewExternalTask): void;
  /** Schedules the timer of `node` (a timer catch or boundary event) for `token`, evaluated in its scope. */
  scheduleTimer(token: TokenRecord, node: FlowNode): void;
  /** Removes a token that sits at an activity without completing it (interrupting boundary events). */
  cancelActivity(token: TokenRecord): void;
  /** Starts a new token at an element (a boundary event that fired) in a scope instance. */
  startTokenAt(elementId: string, scopeInstanceId: string): TokenRecord;
  /**
   * Throws an error or escalation from the (waiting) token outward to the nearest catch
   * (runtime/event-propagation.ts). True when the token is still active afterwards (nothing
   * caught it, or a non-interrupting catch did): the behavior then continues as it would.
   */
  throwEvent(token: TokenRecord, event: ThrownEvent): boolean;
  /**
   * Starts the compensation handlers of what completed in the token's scope (only `activityRef`
   * when given), last completed first. True when some started: the token then waits for a
   * `compensationDone` trigger (runtime/compensation.ts).
   */
  compensate(token: TokenRecord, activityRef: string | null): boolean;
}

/** Why a waiting token is triggered. */
export type TriggerSignal =
  | { readonly kind: 'taskCompleted' }
  | { readonly kind: 'scopeCompleted' }
  | { readonly kind: 'timerFired' }
  | { readonly kind: 'externalTaskCompleted' }
  | { readonly kind: 'compensationDone' };

/** One element type's behavior. Only `enter` is required. */
export interface ElementBehavior {
  /** A token arrives at the element. */
  enter(ctx: BehaviorContext, node: FlowNode, token: TokenRecord): void;
  /** Something happened to a token waiting here (task completed, child scope completed). */
  trigger?(ctx: BehaviorContext, node: FlowNode, token: TokenRecord, signal: TriggerSignal): void;
  /**
   * Called when every token of the command rests; joins decide whether they can fire.
   * Returns true when it moved tokens.
   */
  settle?(ctx: BehaviorContext, node: FlowNode, waiting: TokenRecord[]): boolean;
  /** The token is removed by a termination; clean up what the element created. */
  terminate?(ctx: BehaviorContext, node: FlowNode, token: TokenRecord): void;
  /** Boundary events: the token at the activity they are attached to is entered (attach) … */
  attach?(ctx: BehaviorContext, node: FlowNode, host: TokenRecord): void;
  /** … and the event fired (a timer job) while `host` rests at that activity. */
  fireAttached?(ctx: BehaviorContext, node: FlowNode, host: TokenRecord): void;
}
