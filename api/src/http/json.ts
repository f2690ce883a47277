/**
 * JSON responses with exactly `Content-Type: application/json`: the official Camunda
 * external-task client parses only that exact header, and Express's res.json() appends
 * `; charset=utf-8`.
 */
import type { Response } from 'express';

/** Sends a JSON body with the exact content type Camunda clients expect. */
export function sendJson(res: Response, body: unknown, status = 200): void {
  res.status(status);
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

/** 204 No Content. */
export function sendNoContent(res: Response): void {
  res.status(204).end();
}
