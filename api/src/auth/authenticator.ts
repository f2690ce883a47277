/**
 * Authentication with passport: HTTP Basic for API clients, a signed session cookie for the
 * web apps (with a CSRF header on mutations), and the username/password login that issues the
 * cookie. Failed attempts of both kinds count toward the login throttle.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import passport from 'passport';
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

/**
 * HTTP Basic (RFC 7617). Ours rather than passport-http's: that one decodes with the deprecated
 * `new Buffer()`, whose deprecation check captured a stack trace on every request (4–6 % of the
 * server's CPU in the benchmark profile).
 */
class BasicAuthStrategy extends (passport.Strategy as unknown as StrategyBase) {
  override name = 'basic';
  constructor(private readonly principals: Principals, private readonly throttle: LoginThrottle) {
    super();
  }
  override authenticate(req: Request): void {
    const m = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return this.fail('Basic realm="Baton"', 401);
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return this.fail('Basic realm="Baton"', 401);
    const [userId, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    const address = clientAddress(req);
    const wait = this.throttle.retryAfter(userId, address);
    const self = this as unknown as { error(e: unknown): void };
    if (wait > 0) return self.error(new HttpError(429, 'AuthenticationException', `Too many failed logins; retry in ${wait} s`));
    this.principals
      .verify(userId, password)
      .then(async (ok) => {
        if (!ok) {
          this.throttle.fail(userId, address);
          return this.fail('Basic realm="Baton"', 401);
        }
        this.throttle.succeed(userId, address);
        const principal = await this.principals.load(userId);
        return principal ? this.success({ principal }) : this.fail('Basic realm="Baton"', 401);
      })
      .catch((err: unknown) => self.error(err));
  }
}

/** Builds the passport instance and the middlewares. */
export function createAuthenticator(principals: Principals, tokens: SessionTokens, throttle: LoginThrottle) {
  const pp = new passport.Passport();
  pp.use(new SessionCookieStrategy(tokens, principals));
  pp.use(new BasicAuthStrategy(principals, throttle));

  /** Requires a signed-in user (cookie or Basic); enforces CSRF for cookie-authenticated mutations. */
  const requireUser: RequestHandler = (req: AuthenticatedRequest, res: Response, next: NextFunction) => {
    pp.authenticate(['session-cookie', 'basic'], { session: false }, (err: unknown, user: { principal: Principal; session?: SessionPayload } | false) => {
      if (err) return next(err);
      if (!user) {
        // The Basic challenge, as Camunda 7 sends it: clients that send credentials only when
        // challenged (.NET's HttpClientHandler, Java's Authenticator) could not log in without it.
        // Not for the web apps' own requests (X-Requested-With), where a browser would pop up its
        // login dialog over an expired session instead of the app's sign-in page.
        if (!req.get('X-Requested-With')) res.setHeader('WWW-Authenticate', 'Basic realm="Baton"');
        return next(new HttpError(401, 'AuthenticationException', 'Authentication required: use HTTP Basic or sign in at /baton/api/login'));
      }
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
