/**
 * The typed API a handler sees: the execution it runs for (ids, business key, current element,
 * listener event), its variables, and a way to throw a BPMN error. Handlers run inside the
 * command's transaction; their variable writes are applied only when they return normally,
 * so a failing handler leaves nothing half-written.
 */
import { BatonError } from '../errors';

/** A read-only view of the user task a task listener runs for. */
export interface DelegateTaskInfo {
  readonly id: string;
  readonly taskDefinitionKey: string;
  readonly name: string | null;
  readonly assignee: string | null;
  readonly owner: string | null;
  readonly priority: number;
}

/** What a handler may read and do. */
export interface DelegateExecution {
  /** The token (execution) id. */
  readonly id: string;
  readonly processInstanceId: string;
  readonly processDefinitionId: string;
  readonly processBusinessKey: string | null;
  /** Same as processBusinessKey (Camunda has both names). */
  readonly businessKey: string | null;
  /** The element the token is at (for `take` listeners: the flow's source element). */
  readonly activityId: string;
  /** `take` listeners: the sequence flow being taken. */
  readonly currentTransitionId: string | null;
  /** Listeners: `start`, `end`, `take`, `create`, `assignment`, `complete` or `delete`; null in service tasks. */
  readonly eventName: string | null;
  /** Task listeners: the task. */
  readonly task: DelegateTaskInfo | null;
  /** `camunda:field` injection: each field's text or evaluated expression (Camunda injects them into the delegate). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** A visible variable (nearest scope first), or null. */
  getVariable(name: string): unknown;
  /** A variable of the execution's own scope, or null. */
  getVariableLocal(name: string): unknown;
  hasVariable(name: string): boolean;
  /** Every visible variable by name (nearest scope wins). */
  getVariables(): Record<string, unknown>;
  /** Sets a variable: on the nearest scope that has it, else on the process instance (Camunda's rule). */
  setVariable(name: string, value: unknown): void;
  /** Sets a variable on the execution's own scope. */
  setVariableLocal(name: string, value: unknown): void;
  /** Throws a BPMN error with this code; never returns. */
  throwBpmnError(errorCode: string, message?: string): never;
}

/**
 * A BPMN error thrown by a handler (`execution.throwBpmnError`). Until error events exist it
 * becomes an incident at the element; the error-propagation feature catches this type to route
 * it to a boundary event or event sub-process instead.
 */
export class BpmnErrorThrown extends BatonError {
  constructor(
    readonly errorCode: string,
    readonly errorMessage: string | null,
    readonly elementId: string,
  ) {
    const detail = errorMessage ? ` (${errorMessage})` : '';
    super('UNHANDLED_BPMN_ERROR', `BPMN error '${errorCode}'${detail} thrown at '${elementId}' is not caught: no error boundary event or error event sub-process catches it`);
  }
}
