/**
 * The one place that maps errors to HTTP: status codes and Camunda 7 error bodies
 * (`{ type, message }`, plus `details` for BPMN parse errors, as Camunda 7.16+ sends them).
 */
import type { ErrorRequestHandler } from 'express';
import { BatonError, ModelValidationError, type ErrorCode } from '@baton/engine';
import { sendJson } from './json';

/** An HTTP-level error raised by the API layer itself (validation of parameters, 501, …). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS: Record<ErrorCode, [number, string]> = {
  BPMN_TOO_LARGE: [413, 'ParseException'],
  BPMN_FORBIDDEN_DOCTYPE: [400, 'ParseException'],
  BPMN_MALFORMED: [400, 'ParseException'],
  BPMN_INVALID: [400, 'ParseException'],
  EXPRESSION_SYNTAX: [400, 'InvalidRequestException'],
  EXPRESSION_EVALUATION: [400, 'InvalidRequestException'],
  EXPRESSION_UNKNOWN_VARIABLE: [400, 'InvalidRequestException'],
  VARIABLE_INVALID: [400, 'InvalidRequestException'],
  NOT_FOUND: [404, 'InvalidRequestException'],
  INVALID_REQUEST: [400, 'InvalidRequestException'],
  CONFLICT: [409, 'OptimisticLockingException'],
  SUSPENDED: [409, 'SuspendedEntityInteractionException'],
  TASK_ALREADY_CLAIMED: [500, 'TaskAlreadyClaimedException'],
  NOT_STARTABLE: [400, 'InvalidRequestException'],
  MESSAGE_NOT_CORRELATED: [400, 'RestException'],
  MESSAGE_AMBIGUOUS: [400, 'RestException'],
  NO_MATCHING_FLOW: [500, 'ProcessEngineException'],
  STEP_BUDGET_EXCEEDED: [500, 'ProcessEngineException'],
  TIMER_INVALID: [400, 'InvalidRequestException'],
  JOB_FAILED: [500, 'ProcessEngineException'],
  EXTERNAL_TASK_WRONG_WORKER: [400, 'BadUserRequestException'],
  EXTERNAL_TASK_LOCK_EXPIRED: [400, 'BadUserRequestException'],
  UNHANDLED_BPMN_ERROR: [500, 'ProcessEngineException'],
  HANDLER_NOT_REGISTERED: [500, 'ProcessEngineException'],
  HANDLER_FAILED: [500, 'ProcessEngineException'],
  HANDLER_ASYNC: [500, 'ProcessEngineException'],
  CALLED_ELEMENT_NOT_FOUND: [500, 'ProcessEngineException'],
  CALLED_ELEMENT_INVALID: [500, 'ProcessEngineException'],
  CALL_DEPTH_EXCEEDED: [500, 'ProcessEngineException'],
};

/** Camunda-style body for a model validation error, with element ids per resource. */
function parseDetails(err: ModelValidationError): Record<string, unknown> {
  return {
    [err.resourceName]: {
      errors: err.problems.map((p) => ({
        message: p.reason, line: 0, column: 0, mainElementId: p.elementId, elementIds: p.elementId ? [p.elementId] : [],
      })),
      warnings: [],
    },
  };
}

/** Express error handler: typed errors → their status; anything else → 500 without internals. */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof HttpError) return sendJson(res, { type: err.type, message: err.message }, err.status);
  if (err instanceof ModelValidationError) {
    return sendJson(res, { type: 'ParseException', message: err.message, code: err.code, details: parseDetails(err) }, 400);
  }
  if (err instanceof BatonError) {
    const [status, type] = STATUS[err.code];
    return sendJson(res, { type, message: err.message, code: err.code }, status);
  }
  const e = err as { type?: string; status?: number; code?: string; message?: string };
  if (e.type === 'entity.parse.failed') return sendJson(res, { type: 'InvalidRequestException', message: `Malformed JSON body: ${e.message}` }, 400);
  if (e.type === 'entity.too.large') return sendJson(res, { type: 'InvalidRequestException', message: 'Request body too large' }, 413);
  if (e.code === 'LIMIT_FILE_SIZE') return sendJson(res, { type: 'ParseException', message: `Resource too large: ${e.message}` }, 413);
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) return sendJson(res, { type: 'InvalidRequestException', message: e.message }, 400);
  console.error('[baton] unexpected error', err);
  return sendJson(res, { type: 'ProcessEngineException', message: 'Internal server error' }, 500);
};
