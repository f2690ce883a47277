/**
 * Starts by key on the engine's cached latest version (runtime/latest-definitions.ts): one
 * lookup per key, and never a start on a version another node has replaced or suspended since,
 * nor a handler run twice. Two engines on one database play two nodes; the same contract is
 * checked on the in-memory store.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine, eventLabel } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, vars } from '../support/scenario';
import { twoNodeKinds, type TwoNodes } from '../support/store-kinds';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('latest_cache');
});
afterAll(async () => {
  await db?.drop();
});

const REVIEW = vars({ subject: 's', reviewer: 'r', prio: 1 });

const stores = twoNodeKinds(() => db);

/** A key no other test of this file uses (the PostgreSQL database is shared by the file). */
const uniqueKey = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 8)}`;

/** Two nodes whose `StartRecorder` handler records the definition id of every run. */
async function recordingNodes(nodes: TwoNodes): Promise<{ a: Engine; b: Engine; runs: string[] }> {
  const [storeA, storeB] = await nodes();
  const runs: string[] = [];
  const handlers = { StartRecorder: (e: { processDefinitionId: string }) => void runs.push(e.processDefinitionId) };
  return { a: new Engine({ store: storeA, handlers }), b: new Engine({ store: storeB, handlers }), runs };
}

describe.each(stores)('starts by key on %s', (_, nodes) => {
  it('reads the latest version once per key, then starts on it without a lookup', async () => {
    const [store] = await nodes();
    const engine = new Engine({ store });
    const lookups = vi.spyOn(store.reads, 'latestDefinitionByKey');
    const key = uniqueKey('once');
    const deployed = await engine.deploy({ name: key, resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn').replace('"userTaskProcess"', `"${key}"`) }] });
    const started = [];
    for (let i = 0; i < 3; i++) started.push(await engine.startProcessInstance({ key, variables: REVIEW }));
    expect(lookups.mock.calls.filter(([k]) => k === key)).toHaveLength(1);
    expect(started.map((s) => s.definitionId)).toEqual([deployed.definitions[0]!.id, deployed.definitions[0]!.id, deployed.definitions[0]!.id]);
    lookups.mockRestore();
  });

  it('starts the version another node deployed since, and the stale attempt leaves nothing behind', async () => {
    const [storeA, storeB] = await nodes();
    const a = new Engine({ store: storeA });
    const b = new Engine({ store: storeB });
    const key = uniqueKey('newer');
    const content = fixture('user-task.bpmn').replace('"userTaskProcess"', `"${key}"`);
    const v1 = (await b.deploy({ name: key, resources: [{ name: 'u.bpmn', content }] })).definitions[0]!;
    expect((await b.startProcessInstance({ key, variables: REVIEW })).definitionId).toBe(v1.id);
    const v2 = (await a.deploy({ name: key, resources: [{ name: 'u.bpmn', content }] })).definitions[0]!;
    const log: string[] = [];
    b.onEvents((events) => log.push(...events.filter((e) => e.type === 'process.started').map(eventLabel)));

    const started = await b.startProcessInstance({ key, variables: REVIEW });
    expect(started.definitionId).toBe(v2.id);
    expect(log).toHaveLength(1);
    const tasks = await b.reads.findTasks({ taskDefinitionKey: 'review' });
    const mine = tasks.filter((t) => t.definitionId === v1.id || t.definitionId === v2.id);
    expect(mine.map((t) => t.definitionId).sort()).toEqual([v1.id, v2.id].sort());
  });

  it('refuses to start a version another node suspended since, and starts it again once activated', async () => {
    const [storeA, storeB] = await nodes();
    const a = new Engine({ store: storeA });
    const b = new Engine({ store: storeB });
    const key = uniqueKey('paused');
    const v1 = (await b.deploy({ name: key, resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn').replace('"userTaskProcess"', `"${key}"`) }] })).definitions[0]!;
    await b.startProcessInstance({ key, variables: REVIEW });
    await a.setDefinitionsSuspended([v1.id], true);
    await expect(b.startProcessInstance({ key, variables: REVIEW })).rejects.toMatchObject({ code: 'NOT_STARTABLE' });
    expect((await b.reads.findTasks({ taskDefinitionKey: 'review' })).filter((t) => t.definitionId === v1.id)).toHaveLength(1);
    await a.setDefinitionsSuspended([v1.id], false);
    expect((await b.startProcessInstance({ key, variables: REVIEW })).definitionId).toBe(v1.id);
  });

  it('runs a handler on the start path exactly once per start, also when the cached version went stale', async () => {
    const { a, b, runs } = await recordingNodes(nodes);
    const key = uniqueKey('handler');
    const content = fixture('start-handler.bpmn').replace('"startHandler"', `"${key}"`);
    const v1 = (await b.deploy({ name: key, resources: [{ name: 'h.bpmn', content }] })).definitions[0]!;
    await b.startProcessInstance({ key });
    await b.startProcessInstance({ key });
    const v2 = (await a.deploy({ name: key, resources: [{ name: 'h.bpmn', content }] })).definitions[0]!;
    const started = await b.startProcessInstance({ key });
    expect(started.definitionId).toBe(v2.id);
    expect(runs).toEqual([v1.id, v1.id, v2.id]);
  });

  it('runs the handler of an instance its start path calls exactly once per start, also when the cached version went stale', async () => {
    const { a, b, runs } = await recordingNodes(nodes);
    const suffix = uniqueKey('');
    const child = (await b.deploy({ name: 'child', resources: [{ name: 'h.bpmn', content: fixture('start-handler.bpmn').replace('"startHandler"', `"child${suffix}"`) }] })).definitions[0]!;
    const parent = fixture('call-parent.bpmn').replace('"callParent"', `"parent${suffix}"`).replace('calledElement="callChild"', `calledElement="child${suffix}"`);
    await b.deploy({ name: 'parent', resources: [{ name: 'p.bpmn', content: parent }] });
    await b.startProcessInstance({ key: `parent${suffix}`, variables: vars({ amount: 1 }) });
    await b.startProcessInstance({ key: `parent${suffix}`, variables: vars({ amount: 1 }) });
    const v2 = (await a.deploy({ name: 'parent', resources: [{ name: 'p.bpmn', content: parent }] })).definitions[0]!;
    expect((await b.startProcessInstance({ key: `parent${suffix}`, variables: vars({ amount: 1 }) })).definitionId).toBe(v2.id);
    expect(runs).toEqual([child.id, child.id, child.id]);
  });
});
