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
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

/** Engine test fixtures folder (BPMN files shared with the engine scenarios). */
export const ENGINE_FIXTURES = join(import.meta.dirname, '..', '..', '..', 'engine', 'test', 'fixtures');

/** Reads an engine fixture. */
export function engineFixture(name: string): string {
  return readFileSync(join(ENGINE_FIXTURES, name), 'utf8');
}

/** A running test server. */
export interface TestServer {
  readonly base: string;
  readonly db: TestDatabase;
  readonly engine: Engine;
  /** Fetch JSON from /engine-rest; returns status, headers and parsed body. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  /** Multipart deployment of in-memory files. */
  deploy(files: Record<string, string | Uint8Array>, fields?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts a server on a fresh database. */
export async function startTestServer(label: string, env: Record<string, string> = {}): Promise<TestServer> {
  const db = await createTestDatabase(label);
  const store = new PostgresStore(db.dataSource);
  const config = loadConfig({ ...env });
  const engine = new Engine({ store, stepBudget: config.stepBudget, maxResourceBytes: config.maxResourceBytes });
  const server: Server = createApp({ engine, store, config }).listen(0, '127.0.0.1');
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

  return {
    base,
    db,
    engine,
    async call(method, path, body) {
      const res = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await parse(res), headers: res.headers };
    },
    async deploy(files, fields = {}) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const [name, content] of Object.entries(files)) form.append(name, new Blob([content]), name);
      const res = await fetch(`${base}/deployment/create`, { method: 'POST', body: form });
      return { status: res.status, body: await parse(res) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await db.drop();
    },
  };
}
