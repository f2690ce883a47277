/**
 * What every workload gets: the in-process engine on the run's database, the REST server
 * (when started), the run profile, and a logger.
 */
import type { Engine } from '@baton/engine';
import type { PostgresStore } from '@baton/engine/postgres';
import type { BenchDatabase } from '../lib/database';
import type { RestServer } from '../lib/rest-server';
import type { Profile } from '../lib/options';

/** Shared state of a run. */
export interface BenchContext {
  readonly engine: Engine;
  readonly store: PostgresStore;
  readonly db: BenchDatabase;
  readonly profile: Profile;
  rest: RestServer | null;
  log(message: string): void;
}
