/**
 * Stateless session tokens: `base64url(payload).base64url(hmac)`, signed with a secret that
 * all nodes share (stored in baton_setting, or BATON_SESSION_SECRET). Why stateless: Baton
 * nodes are interchangeable behind a load balancer, and a session table would add a query to
 * every request. Trade-off: logout clears the cookie but cannot revoke a copied token before
 * it expires (12 h).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a session token carries. */
export interface SessionPayload {
  /** user id */
  readonly u: string;
  /** expiry, ms since epoch */
  readonly exp: number;
  /** CSRF token bound to this session */
  readonly csrf: string;
}

/** Session lifetime. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Signs and verifies session tokens. */
export class SessionTokens {
  constructor(private readonly secret: string) {}

  /** A new token for a user, with a fresh CSRF token. */
  issue(userId: string, now = Date.now()): { token: string; payload: SessionPayload } {
    const payload: SessionPayload = { u: userId, exp: now + SESSION_TTL_MS, csrf: randomBytes(18).toString('base64url') };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, payload };
  }

  /** The payload of a valid, unexpired token; null otherwise. */
  verify(token: string, now = Date.now()): SessionPayload | null {
    const [body, sig] = token.split('.');
    if (!body || !sig) return null;
    const expected = Buffer.from(this.sign(body));
    const actual = Buffer.from(sig);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionPayload;
      return typeof payload.u === 'string' && typeof payload.exp === 'number' && payload.exp > now ? payload : null;
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
