/**
 * Passes the authenticated user into engine commands: every request after authentication
 * runs inside the engine's `runAsUser`, so commands log who did what (user operation log)
 * without each route handing a user id to each command.
 */
import type { RequestHandler } from 'express';
import { runAsUser } from '@baton/engine';
import { principalOf } from './authenticator';

/** Middleware: the rest of the request runs as the authenticated user (a no-op when the log is off). */
export function actingUser(enabled: boolean): RequestHandler {
  return enabled ? (req, _res, next) => runAsUser(principalOf(req).userId, next) : (_req, _res, next) => next();
}
