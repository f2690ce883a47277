/**
 * The real server process, built as `npm start` builds it (scripts/build-server.mjs bundles
 * api/src/main.ts) and run on plain Node, on a real database: stop it with SIGTERM (graceful),
 * start it again, and the waiting instance continues where it was.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { engineFixture } from './support/test-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
// A file of its own: other test runs may build the default bundle at the same time.
const BUNDLE = resolve(ROOT, 'api', '.build', `restart-test-${randomBytes(4).toString('hex')}.mjs`);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('restart');
  execFileSync(process.execPath, [resolve(ROOT, 'scripts', 'build-server.mjs'), 'api/src/main.ts', BUNDLE], { cwd: ROOT, stdio: 'pipe' });
});
afterAll(async () => {
  await db?.drop();
  rmSync(BUNDLE, { force: true });
  rmSync(`${BUNDLE}.map`, { force: true });
});

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  return port;
}

/** Starts the bundled server on plain Node (no tsx) and resolves once it listens. */
async function startServer(port: number): Promise<{ proc: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, [BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: db.url, BATON_ADMIN_USER: 'admin', BATON_ADMIN_PASSWORD: 'pw', BATON_DEMO: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  await new Promise<void>((ready, fail) => {
    const check = () => out.includes('listening on') && ready();
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
  return { proc, output: () => out };
}

describe('graceful stop and restart of the real server', () => {
  it('keeps everything across SIGTERM and a new start; waiting instances continue', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/engine-rest`;
    const auth = { Authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` };
    const json = { ...auth, 'Content-Type': 'application/json' };

    const first = await startServer(port);
    const form = new FormData();
    form.append('deployment-name', 'restart');
    form.append('p.bpmn', new Blob([engineFixture('parallel-gateway.bpmn')]), 'p.bpmn');
    expect((await fetch(`${base}/deployment/create`, { method: 'POST', body: form, headers: auth })).status).toBe(200);
    const started = (await (await fetch(`${base}/process-definition/key/parallel/start`, { method: 'POST', headers: json, body: '{"businessKey":"keep-me"}' })).json()) as { id: string };
    const tasks = (await (await fetch(`${base}/task?processInstanceId=${started.id}&sortBy=name&sortOrder=asc`, { headers: auth })).json()) as Array<{ id: string; taskDefinitionKey: string }>;
    expect(tasks.map((t) => t.taskDefinitionKey).sort()).toEqual(['taskA', 'taskB']);
    expect((await fetch(`${base}/task/${tasks[0]!.id}/complete`, { method: 'POST', headers: json, body: '{}' })).status).toBe(204);

    first.proc.kill('SIGTERM');
    const [code] = (await once(first.proc, 'exit')) as [number];
    expect(code).toBe(0);
    expect(first.output()).toContain('[baton] stopped');

    const second = await startServer(port);
    try {
      const instance = (await (await fetch(`${base}/process-instance/${started.id}`, { headers: auth })).json()) as { businessKey: string };
      expect(instance.businessKey).toBe('keep-me');
      const remaining = (await (await fetch(`${base}/task?processInstanceId=${started.id}`, { headers: auth })).json()) as Array<{ id: string }>;
      expect(remaining.map((t) => t.id)).toEqual([tasks[1]!.id]);
      expect((await fetch(`${base}/task/${tasks[1]!.id}/complete`, { method: 'POST', headers: json, body: '{}' })).status).toBe(204);
      const [after] = (await (await fetch(`${base}/task?processInstanceId=${started.id}`, { headers: auth })).json()) as Array<{ id: string }>;
      expect((await fetch(`${base}/task/${after!.id}/complete`, { method: 'POST', headers: json, body: '{}' })).status).toBe(204);
      const history = (await (await fetch(`${base}/history/process-instance/${started.id}`, { headers: auth })).json()) as { state: string };
      expect(history.state).toBe('COMPLETED');
    } finally {
      second.proc.kill('SIGTERM');
      await once(second.proc, 'exit');
    }
  });
});
