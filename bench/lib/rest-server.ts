/**
 * The real Baton server (api/src/main.ts, what `npm start` runs) as a child process on the
 * run's database, so that REST numbers include everything a user's server does (auth,
 * routing, JSON) and its RSS is Baton's alone. Credentials: the admin user that the server
 * creates on first start from BATON_ADMIN_USER / BATON_ADMIN_PASSWORD; servers without
 * authentication simply ignore the Basic header.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RestClient } from './http-client';
import { procRssMb } from './rss';
import type { CapturedStatement } from './sql-trace';

/** Repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** Credentials the bench uses against /engine-rest. */
export const BENCH_CREDENTIALS = { user: 'bench-admin', password: `bench-${process.pid}-secret` };

/** SQL the server ran while capturing: statement shapes (first occurrence) and round trips per shape. */
export interface ServerCapture {
  readonly statements: readonly CapturedStatement[];
  readonly counts: Readonly<Record<string, { count: number; ms: number }>>;
}

/** A running server. */
export interface RestServer {
  readonly base: string;
  readonly pid: number;
  readonly client: RestClient;
  /** 'basic' when /engine-rest rejects anonymous requests, else 'none'. */
  readonly auth: 'basic' | 'none';
  /** Current and peak RSS of the server process in MB. */
  rss(): { current: number; peak: number } | null;
  /** Starts recording the SQL the server runs (bench/lib/sql-capture-preload.ts). */
  captureStart(): Promise<void>;
  /** Stops recording and returns what was recorded. */
  captureStop(): Promise<ServerCapture>;
  /** Stops it gracefully (SIGTERM: --cpu-prof profiles are written on that exit). */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((done) => srv.close(() => done()));
  return port;
}

async function waitUntilUp(client: RestClient, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await client.request('GET', '/engine', undefined, false);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not answer within ${timeoutMs} ms:\n${output()}`);
}

/**
 * The server as `npm start` runs it (one bundle on plain Node, scripts/build-server.mjs), and the
 * SQL capture preload bundled the same way, so that its memory and CPU are what users get.
 */
function buildServer(): { server: string; preload: string } {
  const out = (name: string) => join(ROOT, 'api', '.build', name);
  const build = (entry: string, file: string) => execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs'), entry, file], { cwd: ROOT, stdio: 'pipe' });
  build('api/src/main.ts', out('bench-server.mjs'));
  build('bench/lib/sql-capture-preload.ts', out('bench-preload.mjs'));
  return { server: out('bench-server.mjs'), preload: out('bench-preload.mjs') };
}

/**
 * Starts the bundled server on the database with extra node flags (e.g. --cpu-prof); `bundle`
 * runs another server bundle instead of this checkout's (another revision's, see revision-server.ts).
 */
export async function startRestServer(databaseUrl: string, nodeArgs: string[] = [], env: Record<string, string> = {}, bundle?: string): Promise<RestServer> {
  const port = await freePort();
  let log = '';
  const captureFile = join(mkdtempSync(join(tmpdir(), 'baton-bench-sql-')), 'capture.jsonl');
  // A CPU profile attributes time by source file, which a bundle would merge into one: profiled
  // servers run from the sources through tsx; the measured ones run the bundle.
  const profiled = nodeArgs.some((a) => a.startsWith('--cpu-prof'));
  const built = profiled
    ? { server: join(ROOT, 'api', 'src', 'main.ts'), preload: join(import.meta.dirname, 'sql-capture-preload.ts') }
    : buildServer();
  const server = bundle ?? built.server;
  const { preload } = built;
  const loader = profiled ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, '--import', pathToFileURL(preload).href, ...nodeArgs, server], {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), BENCH_SQL_CAPTURE: captureFile,
      BATON_ADMIN_USER: BENCH_CREDENTIALS.user, BATON_ADMIN_PASSWORD: BENCH_CREDENTIALS.password, ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${port}/engine-rest`;
  const client = new RestClient(base, BENCH_CREDENTIALS);
  try {
    await waitUntilUp(client, child, () => log, 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dirname(captureFile), { recursive: true, force: true });
    throw err;
  }
  const anonymous = await client.request('GET', '/process-definition', undefined, false);
  const auth = anonymous.status === 401 ? 'basic' : 'none';
  if (auth === 'basic') await client.call('GET', '/process-definition'); // the credentials must work
  return {
    base, pid: child.pid!, client, auth,
    rss: () => procRssMb(child.pid!),
    async captureStart() {
      child.kill('SIGUSR2');
      await sleep(100); // let the signal land before the next request
    },
    captureStop: () => stopCapture(child, captureFile),
    async stop() {
      client.close();
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dirname(captureFile), { recursive: true, force: true });
    },
  };
}

function readLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

async function stopCapture(child: ChildProcess, file: string): Promise<ServerCapture> {
  const before = readLines(file).length;
  child.kill('SIGUSR2');
  for (let i = 0; i < 100; i++) {
    const lines = readLines(file).slice(before);
    const last = lines.at(-1);
    if (last?.startsWith('{"snapshot"')) {
      const parsed = lines.map((l) => JSON.parse(l) as { first?: CapturedStatement; snapshot?: ServerCapture['counts'] });
      return {
        statements: parsed.flatMap((p) => (p.first ? [{ ...p.first, label: 'rest' }] : [])),
        counts: parsed.at(-1)!.snapshot ?? {},
      };
    }
    await sleep(50);
  }
  throw new Error('the server did not write its SQL capture (is bench/lib/sql-capture-preload.ts loaded?)');
}
