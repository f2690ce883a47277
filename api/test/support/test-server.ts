/**
 * A real Baton HTTP server for API tests: its own database on the test PostgreSQL server,
 * the real engine and app, listening on an ephemeral port.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '@baton/engine';
import { PostgresStore } from '@baton/engine/postgres';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/server';
import { createApiContext } from '../../src/app-context';
import { contractViolations } from './contract';
import { loadPlugins } from '../../src/plugins/plugin-loader';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

/** Engine test fixtures folder (BPMN files shared with the engine scenarios). */
export const ENGINE_FIXTURES = join(import.meta.dirname, '..', '..', '..', 'engine', 'test', 'fixtures');

/** Reads an engine fixture. */
export function engineFixture(name: string): string {
  return readFileSync(join(ENGINE_FIXTURES, name), 'utf8');
}

/** Password of the test servers' administrator `admin`. */
export const TEST_ADMIN_PASSWORD = 'admin-secret';

/** HTTP Basic credentials. */
export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** The test administrator. */
export const ADMIN: Credentials = { user: 'admin', password: TEST_ADMIN_PASSWORD };

export function authHeader(as?: Credentials | null): Record<string, string> {
  const c = as === undefined ? ADMIN : as;
  return c ? { Authorization: `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}` } : {};
}

/** A running test server. */
export interface TestServer {
  readonly base: string;
  readonly db: TestDatabase;
  readonly engine: Engine;
  /** Fetch JSON from /engine-rest as `as` (default: the admin); returns status, headers and parsed body. */
  call(method: string, path: string, body?: unknown, as?: Credentials | null): Promise<{ status: number; body: any; headers: Headers }>;
  /** Multipart deployment of in-memory files (as the admin unless told otherwise). */
  deploy(files: Record<string, string | Uint8Array>, fields?: Record<string, string>, as?: Credentials | null): Promise<{ status: number; body: any }>;
  /** Creates a user with groups (through the REST API, as the admin). */
  createUser(id: string, groups: string[]): Promise<Credentials>;
  close(): Promise<void>;
}

/** Starts a server on a fresh database. */
export async function startTestServer(label: string, env: Record<string, string> = {}): Promise<TestServer> {
  const db = await createTestDatabase(label);
  const store = new PostgresStore(db.dataSource);
  const config = loadConfig({ BATON_ADMIN_USER: 'admin', BATON_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env });
  const engine = new Engine({ store, stepBudget: config.stepBudget, maxResourceBytes: config.maxResourceBytes, handlers: await loadPlugins(config.pluginsDir), callDepthLimit: config.callDepthLimit });
  const ctx = await createApiContext(engine, store, config, () => undefined);
  const server: Server = createApp(ctx).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`;

  const parse = async (res: Response) => {
    const text = await res.text();
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return text;
    }
  };

  const server_: TestServer = {
    base,
    db,
    engine,
    async call(method, path, body, as) {
      const res = await fetch(base + path, {
        method,
        headers: { ...authHeader(as), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const parsed = await parse(res);
      // Every response a test sees must honour the Camunda 7 contract (or Baton's additions).
      const violations = contractViolations(method, path, res.status, parsed, res.headers.get('content-type'));
      if (violations.length > 0) throw new Error(`Contract violation:\n${violations.join('\n')}`);
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async deploy(files, fields = {}, as) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const [name, content] of Object.entries(files)) form.append(name, new Blob([content]), name);
      const res = await fetch(`${base}/deployment/create`, { method: 'POST', body: form, headers: authHeader(as) });
      return { status: res.status, body: await parse(res) };
    },
    async createUser(id, groups) {
      const password = `${id}-pw`;
      const created = await server_.call('POST', '/user/create', { profile: { id, firstName: id, lastName: 'Test' }, credentials: { password } });
      if (created.status !== 204) throw new Error(`createUser ${id}: ${created.status} ${JSON.stringify(created.body)}`);
      for (const g of groups) {
        if ((await server_.call('GET', `/group/${g}`)).status === 404) await server_.call('POST', '/group/create', { id: g, name: g, type: 'WORKFLOW' });
        await server_.call('PUT', `/group/${g}/members/${id}`);
      }
      return { user: id, password };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await db.drop();
    },
  };
  return server_;
}
