/**
 * Assembles what the HTTP layer needs: engine, store, identity, authentication — and runs
 * the first-start setup (admin, demo data). Used by main.ts, the test servers and the bench.
 */
import { randomBytes } from 'node:crypto';
import type { Engine } from '@baton/engine';
import type { PostgresStore } from '@baton/engine/postgres';
import { createAuthenticator } from './auth/authenticator';
import { ensureAdmin, seedDemo } from './auth/bootstrap';
import { IdentityStore } from './auth/identity-store';
import { LoginThrottle } from './auth/login-throttle';
import { Principals } from './auth/principals';
import { SessionTokens } from './auth/session-token';
import type { Config } from './config';
import type { ApiContext } from './http/context';

/** Builds the API context and runs first-start setup. */
export async function createApiContext(engine: Engine, store: PostgresStore, config: Config, log: (m: string) => void = console.log): Promise<ApiContext> {
  const identity = new IdentityStore(store.pool);
  const secret = config.sessionSecret ?? (await identity.setting('session-secret', () => randomBytes(32).toString('base64url')));
  const principals = new Principals(identity);
  const auth = createAuthenticator(principals, new SessionTokens(secret), new LoginThrottle());
  await ensureAdmin(identity, config.adminUser, config.adminPassword, log);
  if (config.demo) await seedDemo(identity, engine, log);
  principals.invalidate();
  return { engine, store, config, identity, auth };
}
