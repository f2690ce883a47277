/**
 * Several Baton node processes over one database: 2,000 async jobs run exactly once, spread
 * over the nodes; and a node killed with SIGKILL while holding job leases loses no job — its
 * jobs run on another node once the lease expires. Nodes are real processes (api/src/worker-node.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '@baton/engine';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { engineFixture } from './support/test-server';

const ROOT = join(import.meta.dirname, '..', '..');
let db: TestDatabase;
let engine: Engine;
const nodes: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase('multinode');
  await db.store.pool.query('CREATE TABLE test_job_execution (job_id text NOT NULL, node text NOT NULL)');
  engine = new Engine({ store: db.store });
  await engine.deploy({ resources: [{ name: 'async-many.bpmn', content: engineFixture('async-many.bpmn') }] });
});

afterAll(async () => {
  for (const n of nodes) if (n.exitCode === null && n.signalCode === null) n.kill('SIGKILL');
  await db?.drop();
});

/** Spawns a worker node; resolves once it acquires jobs. */
function startNode(id: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'api', 'src', 'worker-node.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, BATON_NODE_ID: id, BATON_TEST_RECORD_EXECUTIONS: '1', BATON_JOB_IDLE_MAX_MS: '200', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  nodes.push(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`node ${id} exited (${code}): ${err.slice(-2000)}`)));
  });
}

function stopNode(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function startInstances(n: number): Promise<string[]> {
  const ids: string[] = [];
  const worker = async () => {
    while (ids.length < n) {
      ids.push('');
      const i = ids.length - 1;
      ids[i] = (await engine.startProcessInstance({ key: 'asyncMany' })).instanceId;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return ids;
}

/** Polls the database (other processes do the work: there is no in-process event to await). */
async function until(sql: string, params: unknown[], done: (v: number) => boolean, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = Number((await db.store.pool.query(sql, params)).rows[0].n);
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${sql} = ${v}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const STEP_RUNS = `SELECT count(*) AS n, count(DISTINCT process_instance_id) AS d FROM history_activity_instance WHERE activity_id = 'step' AND process_instance_id = ANY($1)`;

describe('job executor on several nodes', () => {
  it('three nodes execute 2,000 async jobs, each exactly once', async () => {
    const ids = await startInstances(2000);
    expect((await db.store.pool.query(`SELECT count(*)::int AS n FROM job`)).rows[0].n).toBe(2000);
    const started = await Promise.all(['node-a', 'node-b', 'node-c'].map((id) => startNode(id, { BATON_JOB_CONCURRENCY: '4' })));
    await until(`SELECT count(*) AS n FROM process_instance WHERE id = ANY($1)`, [ids], (v) => v === 0, 90_000);
    await until(`SELECT count(*) AS n FROM test_job_execution`, [], (v) => v >= 2000, 10_000);
    await Promise.all(started.map(stopNode));
    const runs = (await db.store.pool.query(STEP_RUNS, [ids])).rows[0];
    expect([Number(runs.n), Number(runs.d)]).toEqual([2000, 2000]);
    const log = (await db.store.pool.query(`SELECT count(*)::int AS n, count(DISTINCT job_id)::int AS d, count(DISTINCT node)::int AS nodes FROM test_job_execution`)).rows[0];
    expect([log.n, log.d]).toEqual([2000, 2000]);
    expect(log.nodes).toBeGreaterThanOrEqual(2);
    expect((await db.store.pool.query(`SELECT count(*)::int AS n FROM job`)).rows[0].n).toBe(0);
  }, 120_000);

  it('kill -9 of a node holding leases: its jobs run on another node after the lease, instances complete', async () => {
    await db.store.pool.query('TRUNCATE test_job_execution');
    const ids = await startInstances(20);
    // Node A takes 8 jobs and sits on them (each job first sleeps a minute), with a 1.5 s lease.
    const a = await startNode('crash-a', { BATON_JOB_CONCURRENCY: '8', BATON_JOB_LEASE_MS: '1500', BATON_TEST_JOB_DELAY_MS: '60000' });
    await until(`SELECT count(*) AS n FROM job WHERE lock_owner = 'crash-a'`, [], (v) => v === 8, 10_000);
    const held = (await db.store.pool.query(`SELECT id FROM job WHERE lock_owner = 'crash-a'`)).rows.map((r) => r.id as string);
    a.kill('SIGKILL');
    await new Promise((r) => a.once('exit', r));
    const b = await startNode('crash-b', { BATON_JOB_CONCURRENCY: '4' });
    await until(`SELECT count(*) AS n FROM process_instance WHERE id = ANY($1)`, [ids], (v) => v === 0, 30_000);
    await until(`SELECT count(*) AS n FROM test_job_execution`, [], (v) => v >= 20, 10_000);
    await stopNode(b);
    const runs = (await db.store.pool.query(STEP_RUNS, [ids])).rows[0];
    expect([Number(runs.n), Number(runs.d)]).toEqual([20, 20]);
    const byB = (await db.store.pool.query(`SELECT job_id FROM test_job_execution WHERE node = 'crash-b'`)).rows.map((r) => r.job_id as string);
    expect(byB).toHaveLength(20);
    expect(held.every((id) => byB.includes(id))).toBe(true);
  }, 60_000);
});
