/**
 * Server configuration from environment variables (documented in the README).
 */
import { groupCommitFromEnvironment, groupReadFromEnvironment, type GroupCommitOptions, type GroupingOptions } from '@baton/engine/postgres';

/** Effective configuration. */
export interface Config {
  readonly port: number;
  /** External PostgreSQL; when absent an embedded one is started. */
  readonly databaseUrl: string | null;
  /** Folder for local data (embedded Postgres lives in `<dataDir>/pgdata`). */
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly dbPoolSize: number;
  /** Shared commits of write-only commands (BATON_GROUP_COMMIT, default 2x16; null: off). */
  readonly groupCommit: GroupCommitOptions | null;
  /** Grouped reads under load (BATON_GROUP_READ, default 2x16; null: off). */
  readonly groupRead: GroupingOptions | null;
  readonly stepBudget: number;
  /** Max nesting of instances called by call activities (BATON_CALL_DEPTH_LIMIT). */
  readonly callDepthLimit: number;
  readonly maxResourceBytes: number;
  /** Upper bound of `maxResults` on list queries. */
  readonly maxResults: number;
  readonly shutdownTimeoutMs: number;
  /** Admin created on first start (BATON_ADMIN_USER / BATON_ADMIN_PASSWORD). */
  readonly adminUser: string;
  readonly adminPassword: string | null;
  /** Seed demo users, groups and deploy processes/ (BATON_DEMO=true). */
  readonly demo: boolean;
  /** Session signing secret; when absent one is generated and stored in the database. */
  readonly sessionSecret: string | null;
  /** Folder of handler modules for camunda:class / delegateExpression / expression (BATON_PLUGINS_DIR). */
  readonly pluginsDir: string | null;
  /** Record who did what (BATON_USER_OPERATION_LOG, default on). */
  readonly userOperationLog: boolean;
  /** Enforce Camunda's default password policy on new passwords (BATON_PASSWORD_POLICY=on; off by default, as in Camunda). */
  readonly passwordPolicy: boolean;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return n;
}

/** Reads the configuration; throws with the variable's name on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env, 'PORT', 8080),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: env.BATON_DATA_DIR || '.baton',
    embeddedPgPort: int(env, 'BATON_EMBEDDED_PG_PORT', 54329),
    dbPoolSize: int(env, 'BATON_DB_POOL_SIZE', 10),
    groupCommit: groupCommitFromEnvironment(env),
    groupRead: groupReadFromEnvironment(env),
    stepBudget: int(env, 'BATON_STEP_BUDGET', 10_000),
    callDepthLimit: int(env, 'BATON_CALL_DEPTH_LIMIT', 32),
    maxResourceBytes: int(env, 'BATON_MAX_RESOURCE_BYTES', 10 * 1024 * 1024),
    maxResults: int(env, 'BATON_MAX_RESULTS', 2000),
    shutdownTimeoutMs: int(env, 'BATON_SHUTDOWN_TIMEOUT_MS', 10_000),
    adminUser: env.BATON_ADMIN_USER || 'admin',
    adminPassword: env.BATON_ADMIN_PASSWORD || null,
    demo: env.BATON_DEMO === 'true',
    sessionSecret: env.BATON_SESSION_SECRET || null,
    pluginsDir: env.BATON_PLUGINS_DIR || null,
    userOperationLog: env.BATON_USER_OPERATION_LOG !== 'off',
    passwordPolicy: env.BATON_PASSWORD_POLICY === 'on',
  };
}
