/**
 * Passes the authenticated user into engine commands: every request after authentication
 * runs inside the engine's `runAsUser`, so commands log who did what (user operation log) and
 * know who starts an instance (history's startUserId, camunda:initiator) without each route
 * handing a user id to each command.
 */
import type { RequestHandler } from 'express';
import { runAsUser } from '@baton/engine';
import { principalOf } from './authenticator';

/** Middleware: the rest of the request runs as the authenticated user; `logOperations` false: nothing is logged. */
export function actingUser(logOperations: boolean): RequestHandler {
  return (req, _res, next) => runAsUser(principalOf(req).userId, next, logOperations);
}
