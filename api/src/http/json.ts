/**
 * JSON responses with exactly `Content-Type: application/json`: the official Camunda
 * external-task client parses only that exact header, and Express's res.json() appends
 * `; charset=utf-8`.
 */
import type { Response } from 'express';
import { assertParametersRead } from './parameter-reads';

/** Sends a JSON body with the exact content type Camunda clients expect (a query's answer with unread parameters: a 400 instead). */
export function sendJson(res: Response, body: unknown, status = 200): void {
  // Errors go out as they are: the check is for answers, and the error handler sends with sendJson too.
  if (status < 300) assertParametersRead(res);
  res.status(status);
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

/** 204 No Content. */
export function sendNoContent(res: Response): void {
  res.status(204).end();
}
