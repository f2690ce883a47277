/**
 * Session login for the web apps (Baton addition): POST /baton/api/login, GET /baton/api/me,
 * POST /baton/api/logout. The cookie is httpOnly and SameSite=Lax; the CSRF token travels in
 * the response body and in a readable cookie, and must come back as X-XSRF-TOKEN.
 */
import express, { Router, type Response } from 'express';
import { sendJson, sendNoContent } from '../http/json';
import { HttpError } from '../http/error-mapping';
import { CSRF_COOKIE, SESSION_COOKIE, type AuthenticatedRequest, type Authenticator } from './authenticator';
import type { Principal } from './permissions';
import { SESSION_TTL_MS, type SessionPayload } from './session-token';

/** The SessionDto of the client contract. */
export function sessionDto(p: Principal, s: SessionPayload) {
  return { userId: p.userId, firstName: p.firstName, lastName: p.lastName, groups: [...p.groups], admin: p.admin, csrfToken: s.csrf };
}

function setCookies(res: Response, token: string, csrf: string, secure: boolean): void {
  const common = { path: '/', sameSite: 'lax' as const, secure, maxAge: SESSION_TTL_MS };
  res.cookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
}

/** Session routes, mounted at /baton/api. */
export function sessionRoutes(auth: Authenticator): Router {
  const r = Router();
  r.use(express.json({ limit: '16kb' }));

  r.post('/login', async (req, res) => {
    const { username, password } = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string' || !username) {
      throw new HttpError(400, 'InvalidRequestException', "Body must be { \"username\": string, \"password\": string }");
    }
    const address = auth.clientAddress(req);
    const wait = auth.throttle.retryAfter(username, address);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpError(429, 'AuthenticationException', `Too many failed logins; retry in ${wait} s`);
    }
    const userId = await auth.principals.verify(username, password);
    const principal = userId ? await auth.principals.load(userId) : null;
    if (!principal) {
      auth.throttle.fail(username, address);
      throw new HttpError(401, 'AuthenticationException', 'Wrong user name or password');
    }
    auth.throttle.succeed(username, address);
    const { token, payload } = auth.tokens.issue(principal.userId);
    setCookies(res, token, payload.csrf, req.secure);
    sendJson(res, sessionDto(principal, payload));
  });

  r.get('/me', auth.requireUser, (req: AuthenticatedRequest, res) => {
    if (!req.session || !req.principal) throw new HttpError(401, 'AuthenticationException', 'Not signed in');
    sendJson(res, sessionDto(req.principal, req.session));
  });

  r.post('/logout', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
    sendNoContent(res);
  });
  return r;
}
