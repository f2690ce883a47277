/**
 * A real Baton server for browser tests: a fresh database on the test PostgreSQL server, the
 * real engine and app (auth included), the built web apps, an ephemeral port. Builds a web
 * app first when its dist/ is missing or older than its sources, so that a single e2e file
 * can run on its own.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Engine } from '@baton/engine';
import { PostgresStore } from '@baton/engine/postgres';
import { createApiContext } from '../../api/src/app-context';
import { loadConfig } from '../../api/src/config';
import { createApp } from '../../api/src/server';
import { createTestDatabase, type TestDatabase } from './test-database';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** A running server for one e2e test file. */
export interface E2eServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  readonly db: TestDatabase;
  readonly engine: Engine;
  /** JSON request to the server as `user` (HTTP Basic). */
  api(method: string, path: string, user: { user: string; password: string }, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs `vite build` in a web app workspace when its build is missing or stale. */
export function ensureWebAppBuilt(name: 'modeler' | 'tasklist'): void {
  const dir = join(ROOT, name);
  const index = join(dir, 'dist', 'index.html');
  const sources = Math.max(newestMtime(join(dir, 'src')), statSync(join(dir, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit' });
}

/** Starts the server; `env` adds configuration (e.g. BATON_DEMO=true). */
export async function startE2eServer(label: string, env: Record<string, string> = {}): Promise<E2eServer> {
  const db = await createTestDatabase(label);
  const store = new PostgresStore(db.dataSource);
  const config = loadConfig({ BATON_ADMIN_USER: 'admin', BATON_ADMIN_PASSWORD: 'admin', ...env });
  const engine = new Engine({ store, stepBudget: config.stepBudget, maxResourceBytes: config.maxResourceBytes });
  const ctx = await createApiContext(engine, store, config, () => undefined);
  const server: Server = createApp(ctx).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    db,
    engine,
    async api(method, path, user, body) {
      const res = await fetch(origin + path, {
        method,
        headers: {
          Authorization: `Basic ${Buffer.from(`${user.user}:${user.password}`).toString('base64')}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await db.drop();
    },
  };
}
