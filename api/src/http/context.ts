/**
 * What every route module receives: the engine for commands, the store for queries, config.
 */
import type { Engine } from '@baton/engine';
import type { PostgresStore } from '@baton/engine/postgres';
import type { Config } from '../config';
import type { Authenticator } from '../auth/authenticator';
import type { IdentityStore } from '../auth/identity-store';

/** Dependencies of the HTTP layer. */
export interface ApiContext {
  readonly engine: Engine;
  readonly store: PostgresStore;
  readonly config: Config;
  readonly identity: IdentityStore;
  readonly auth: Authenticator;
}

/** Absolute-path link in Camunda's `links` format. */
export function selfLink(req: { baseUrl: string; protocol: string; get(name: string): string | undefined }, path: string) {
  return { method: 'GET', href: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}${path}`, rel: 'self' };
}
