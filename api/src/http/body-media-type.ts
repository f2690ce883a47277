/**
 * Request bodies must be JSON or multipart (uploads). Why: Express's JSON parser skips any
 * other content type and leaves the body empty, so `POST /task/{id}/complete` with a
 * `text/plain` body completed the task without its variables. Camunda 7's JAX-RS stack answers
 * such a request with 415; so does Baton, before anything runs.
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './error-mapping';

/** Rejects a request that carries a body which is neither JSON nor multipart/form-data (415). */
export function requireJsonOrMultipart(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || req.is(['application/json', '+json', 'multipart/form-data'])) return next();
  next(new HttpError(415, 'NotSupportedException', `Unsupported content type '${req.headers['content-type'] ?? '(none)'}': send the body as application/json (or multipart/form-data for uploads)`));
}
