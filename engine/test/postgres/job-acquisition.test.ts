/**
 * Job acquisition SQL on PostgreSQL: priority order, SKIP LOCKED between owners, leases on
 * database time, release, next due time; and timer jobs leaving with their instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture } from '../support/scenario';

let db: TestDatabase;
let engine: Engine;
beforeAll(async () => {
  db = await createTestDatabase('engine_jobs');
  engine = new Engine({ store: db.store });
  for (const f of ['async-many.bpmn', 'timer-boundary.bpmn']) await engine.deploy({ resources: [{ name: f, content: fixture(f) }] });
});
afterAll(async () => {
  await db?.drop();
});

describe('job acquisition on PostgreSQL', () => {
  it('reports no next due time when there is no job at all, so an idle node backs off instead of polling', async () => {
    const empty = await createTestDatabase('engine_jobs_empty');
    try {
      expect(await empty.store.jobs.nextDueInMs()).toBeNull();
    } finally {
      await empty.drop();
    }
  });

  it('locks by priority, skips jobs other owners hold, re-offers expired leases, releases on request', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await engine.startProcessInstance({ key: 'asyncMany' })).instanceId);
    const jobs = (await db.store.pool.query(`SELECT id, process_instance_id FROM job WHERE process_instance_id = ANY($1)`, [ids])).rows;
    const top = jobs.find((j) => j.process_instance_id === ids[2])!.id as string;
    await engine.jobs.setPriority(top, 10);

    const a = await db.store.jobs.acquire('node-a', 60_000, 2);
    expect(a).toHaveLength(2);
    expect(a[0]!.id).toBe(top);
    const [b, c] = await Promise.all([db.store.jobs.acquire('node-b', 60_000, 10), db.store.jobs.acquire('node-c', 60_000, 10)]);
    expect(b.length + c.length).toBe(2);
    expect(new Set([...a, ...b, ...c].map((j) => j.id)).size).toBe(4);
    expect(await db.store.jobs.acquire('node-d', 60_000, 10)).toEqual([]);

    // node-a "died": once its lease is over (database time), another node gets its jobs.
    await db.store.pool.query(`UPDATE job SET lock_expires_at = now() - interval '1 second' WHERE lock_owner = 'node-a'`);
    expect((await db.store.jobs.acquire('node-d', 60_000, 10)).map((j) => j.id).sort()).toEqual(a.map((j) => j.id).sort());
    await db.store.jobs.release('node-d');
    expect(await db.store.jobs.nextDueInMs()).toBe(0);
    for (const j of await db.store.jobs.acquire('node-e', 60_000, 10)) await engine.jobs.execute(j.id);
    expect((await db.store.pool.query(`SELECT count(*)::int AS n FROM job WHERE process_instance_id = ANY($1)`, [ids])).rows[0].n).toBe(2);
  });

  it('timer jobs are due in the future, and leave with their instance', async () => {
    const r = await engine.startProcessInstance({ key: 'timerBoundary' });
    const timers = await engine.reads.jobsOfInstance(r.instanceId);
    expect(timers.map((t) => t.handlerType)).toEqual(['timer-transition', 'timer-transition']);
    expect(timers[0]!.dueAt.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(await db.store.jobs.acquire('node-x', 60_000, 10)).toEqual([]);
    await engine.deleteProcessInstance(r.instanceId);
    expect(await engine.reads.jobsOfInstance(r.instanceId)).toEqual([]);
  });
});
