/**
 * Authentication with passport: HTTP Basic for API clients, a signed session cookie for the
 * web apps (with a CSRF header on mutations), and the username/password login that issues the
 * cookie. Failed attempts of both kinds count toward the login throttle.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { BasicStrategy } from 'passport-http';
import { HttpError } from '../http/error-mapping';
import type { LoginThrottle } from './login-throttle';
import type { Principal } from './permissions';
import type { Principals } from './principals';
import type { SessionPayload, SessionTokens } from './session-token';

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = 'baton.sid';
/** Name of the readable cookie that mirrors the CSRF token. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
/** Header that must echo the CSRF token on cookie-authenticated mutations. */
export const CSRF_HEADER = 'x-xsrf-token';

/** How a request was authenticated. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  session?: SessionPayload;
}

/** Reads one cookie from the Cookie header (no cookie-parser dependency needed for two cookies). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

type StrategyBase = new () => passport.Strategy & { success(user: unknown): void; fail(challenge?: string, status?: number): void };

/** Authenticates by the signed session cookie. */
class SessionCookieStrategy extends (passport.Strategy as unknown as StrategyBase) {
  override name = 'session-cookie';
  constructor(private readonly tokens: SessionTokens, private readonly principals: Principals) {
    super();
  }
  override authenticate(req: Request): void {
    const token = readCookie(req, SESSION_COOKIE);
    const payload = token ? this.tokens.verify(token) : null;
    if (!payload) return this.fail();
    this.principals.load(payload.u).then(
      (principal) => (principal ? this.success({ principal, session: payload }) : this.fail()),
      (err: unknown) => (this as unknown as { error(e: unknown): void }).error(err),
    );
  }
}

/** Builds the passport instance and the middlewares. */
export function createAuthenticator(principals: Principals, tokens: SessionTokens, throttle: LoginThrottle) {
  const pp = new passport.Passport();
  pp.use(new SessionCookieStrategy(tokens, principals));
  pp.use(
    new BasicStrategy({ passReqToCallback: true }, (req, userId, password, done) => {
      const address = clientAddress(req);
      const wait = throttle.retryAfter(userId, address);
      if (wait > 0) return done(new HttpError(429, 'AuthenticationException', `Too many failed logins; retry in ${wait} s`));
      principals
        .verify(userId, password)
        .then(async (ok) => {
          if (!ok) {
            throttle.fail(userId, address);
            return done(null, false);
          }
          throttle.succeed(userId, address);
          const principal = await principals.load(userId);
          return done(null, principal ? { principal } : false);
        })
        .catch((err: unknown) => done(err));
    }),
  );

  /** Requires a signed-in user (cookie or Basic); enforces CSRF for cookie-authenticated mutations. */
  const requireUser: RequestHandler = (req: AuthenticatedRequest, res: Response, next: NextFunction) => {
    pp.authenticate(['session-cookie', 'basic'], { session: false }, (err: unknown, user: { principal: Principal; session?: SessionPayload } | false) => {
      if (err) return next(err);
      if (!user) return next(new HttpError(401, 'AuthenticationException', 'Authentication required: use HTTP Basic or sign in at /baton/api/login'));
      req.principal = user.principal;
      if (user.session) {
        req.session = user.session;
        const mutating = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
        if (mutating && req.get(CSRF_HEADER) !== user.session.csrf) {
          return next(new HttpError(403, 'AuthorizationException', `Missing or wrong CSRF token: send the header X-XSRF-TOKEN`));
        }
      }
      return next();
    })(req, res, next);
  };

  return { requireUser, principals, tokens, throttle, clientAddress };
}

/** The authenticator's middlewares and parts. */
export type Authenticator = ReturnType<typeof createAuthenticator>;

/** The principal of an authenticated request (throws if the middleware did not run). */
export function principalOf(req: Request): Principal {
  const p = (req as AuthenticatedRequest).principal;
  if (!p) throw new HttpError(401, 'AuthenticationException', 'Authentication required');
  return p;
}
