/**
 * What a behavior may do. Defined here, beside the behaviors, and implemented by the runtime
 * (runtime/process-execution.ts), so the dependency stays one-way: runtime → behaviors → model.
 * Behaviors act on the in-memory working set only; they never touch SQL or HTTP.
 */
import type { CompiledExpression } from '../expression';
import type { ExecutableProcess, FlowNode } from '../model/executable-model';
import type { DelegateSpec } from '../model/delegation-model';
import type { TaskRecord, TokenRecord } from '../persistence/records';
import type { CalledElementBinding } from '../model/call-activity-spec';
import type { VariableMap } from '../variables/typed-value';

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

/** A process a call activity starts (evaluated in the calling token's scope). */
export interface CalledProcessRequest {
  readonly key: string;
  readonly binding: CalledElementBinding;
  readonly version: number | null;
  readonly versionTag: string | null;
  readonly businessKey: string | null;
  readonly variables: VariableMap;
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
  /** Subscribes `token` to the message or signal of `node` (itself, a boundary event, or an event-based gateway's target). */
  subscribe(token: TokenRecord, node: FlowNode): void;
  /** Notes that the event of `elementId` in a scope instance already happened (an event-based gateway chose it). */
  eventReceivedAt(elementId: string, scopeInstanceId: string): void;
  /** True (once) when the token enters a catch event whose event already happened. */
  takeReceivedEvent(token: TokenRecord): boolean;
  /** Throws the signal of `node`; returns false when that ended the throwing token (an interrupting catch). */
  throwSignal(token: TokenRecord, node: FlowNode): boolean;
  /** Completes the token's element and continues at another element of the same scope (link events). */
  jumpTo(token: TokenRecord, elementId: string): void;
  /** Evaluates the conditional boundary events of `host` once the loop settles (the activity came to rest). */
  checkConditionsOf(host: TokenRecord): void;
  /** Loop bodies: opens the body's scope instance (id = the body's activity instance id) and returns its id. */
  startLoopScope(body: TokenRecord): string;
  /** Loop bodies: starts one inner instance at `elementId` in the body's scope, with variables local to that instance. */
  startLoopInstance(body: TokenRecord, elementId: string, locals: Readonly<Record<string, unknown>>): TokenRecord;
  /** Loop bodies: ends the body's (empty) scope instance; the body is then triggered with scopeCompleted. */
  endLoopScope(body: TokenRecord): void;
  /** Sets variables exactly on a scope instance (or activity instance), inferring their types. */
  setLocalVariables(scopeId: string, values: Readonly<Record<string, unknown>>): void;
  /** The value of a variable set exactly on a scope instance (undefined when there is none). */
  localVariable(scopeId: string, name: string): unknown;
  /** Runs a task's handler or expression for the token (result into camunda:resultVariable). */
  callDelegate(token: TokenRecord, spec: DelegateSpec): void;
  /** Variables the token sees (`local`: only those of its own scope instance), as typed values. */
  variablesOf(token: TokenRecord, local: boolean): VariableMap;
  /** Starts the called process instance of a call activity; the waiting token is triggered when it completes. */
  callProcess(token: TokenRecord, request: CalledProcessRequest): void;
  /** Cancels the process instance the token's call activity waits for (and its own children). */
  cancelCalledProcess(token: TokenRecord): void;
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
  | { readonly kind: 'timerFired'; readonly elementId?: string }
  | { readonly kind: 'externalTaskCompleted' }
  /** A message or signal arrived; `elementId` is the element that subscribed (event-based gateways have several). */
  | { readonly kind: 'eventReceived'; readonly elementId: string }
  /** To a loop body: one of its inner instances completed (its token is about to be removed). */
  | { readonly kind: 'loopInstanceCompleted'; readonly instance: TokenRecord }
  | { readonly kind: 'calledProcessCompleted' }
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
