/**
 * Typed errors of the engine. Every error carries a stable `code`; the API maps codes to HTTP
 * statuses in exactly one place (api/src/http/error-mapping.ts). Messages are for people.
 */

/** Stable error codes. Append only: clients and tests depend on these strings. */
export type ErrorCode =
  | 'BPMN_TOO_LARGE'
  | 'BPMN_FORBIDDEN_DOCTYPE'
  | 'BPMN_MALFORMED'
  | 'BPMN_INVALID'
  | 'EXPRESSION_SYNTAX'
  | 'EXPRESSION_EVALUATION'
  | 'EXPRESSION_UNKNOWN_VARIABLE'
  | 'VARIABLE_INVALID'
  | 'NOT_FOUND'
  | 'INVALID_REQUEST'
  | 'CONFLICT'
  | 'SUSPENDED'
  | 'NOT_STARTABLE'
  | 'TASK_ALREADY_CLAIMED'
  | 'NO_MATCHING_FLOW'
  | 'STEP_BUDGET_EXCEEDED'
  | 'TIMER_INVALID'
  | 'JOB_FAILED'
  | 'EXTERNAL_TASK_WRONG_WORKER'
  | 'EXTERNAL_TASK_LOCK_EXPIRED'
  | 'UNHANDLED_BPMN_ERROR'
  | 'MESSAGE_NOT_CORRELATED'
  | 'MESSAGE_AMBIGUOUS'
  | 'HANDLER_NOT_REGISTERED'
  | 'HANDLER_FAILED'
  | 'HANDLER_ASYNC'
  | 'CALLED_ELEMENT_NOT_FOUND'
  | 'CALLED_ELEMENT_INVALID'
  | 'CALL_DEPTH_EXCEEDED';

/** Base class of every error the engine raises on purpose. */
export class BatonError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One problem found in a BPMN model: the element it concerns and why. */
export interface ModelProblem {
  readonly elementId: string | null;
  readonly reason: string;
}

/** A model was rejected at deploy time; `problems` lists every element id and reason. */
export class ModelValidationError extends BatonError {
  constructor(
    readonly resourceName: string,
    readonly problems: readonly ModelProblem[],
  ) {
    super(
      'BPMN_INVALID',
      `Resource '${resourceName}' is not a deployable BPMN model: ` +
        problems.map((p) => `${p.elementId ?? '(model)'}: ${p.reason}`).join('; '),
      problems,
    );
  }
}

/** An expression could not be parsed (deploy time) or evaluated (run time). */
export class ExpressionError extends BatonError {
  constructor(
    code: 'EXPRESSION_SYNTAX' | 'EXPRESSION_EVALUATION' | 'EXPRESSION_UNKNOWN_VARIABLE',
    message: string,
    readonly expression: string,
  ) {
    super(code, message);
  }
}

/** The thing a command refers to does not exist (any more). */
export class NotFoundError extends BatonError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** A command's arguments are wrong (type, format, state). */
export class InvalidRequestError extends BatonError {
  constructor(message: string, code: ErrorCode = 'INVALID_REQUEST') {
    super(code, message);
  }
}

/**
 * A start ran on a cached "latest version" that a deployment, deletion or suspension has since
 * replaced (StoreTransaction.expectLatestStartable). The engine catches it and starts again
 * from the stored latest version; a caller sees it only if that, too, went wrong.
 */
export class StaleDefinitionError extends BatonError {
  constructor(definitionId: string, key: string) {
    super('CONFLICT', `Process definition '${definitionId}' is no longer the startable latest version of '${key}'`);
  }
}

/**
 * A command ran on a cached working set of an instance that another command has changed since
 * (StoreTransaction.expectRevision). The engine catches it and runs the command again on the
 * locked and loaded instance; a caller never sees it.
 */
export class StaleInstanceError extends BatonError {
  constructor(instanceId: string, revision: number) {
    super('CONFLICT', `Process instance '${instanceId}' changed since revision ${revision}`);
  }
}
