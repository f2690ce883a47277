/**
 * 501 for every Camunda 7 operation Baton does not serve. One middleware matches requests
 * against all reference operations (static segments before parameters, as Camunda routes), so
 * an unimplemented /batch/count is not taken for /batch/{id}, and an unimplemented /incident/{id}
 * never shadows the implemented /incident/count — no misleading 404s, no false 501s.
 */
import type { RequestHandler } from 'express';
import { HttpError } from '../http/error-mapping';
import { camundaOperations, type CamundaOperation } from './camunda-operations';
import { OperationMatcher } from './operation-matcher';
import { normalizeTemplate } from './route-table';

/** Middleware answering 501 for reference operations missing from `implemented`. */
export function notImplementedRouter(implemented: ReadonlySet<string>): RequestHandler {
  const paths: Record<string, Record<string, CamundaOperation>> = {};
  for (const op of camundaOperations()) paths[op.path] = { ...(paths[op.path] ?? {}), [op.method.toLowerCase()]: op };
  const matcher = new OperationMatcher(paths);
  return (req, _res, next) => {
    const matched = matcher.match(req.method, req.path);
    if (!matched || implemented.has(`${matched.operation.method} ${normalizeTemplate(matched.template)}`)) return next();
    const op = matched.operation;
    return next(new HttpError(501, 'NotImplementedException', `${req.method} /engine-rest${op.path} (${op.operationId}) is not implemented by Baton yet`));
  };
}
