/**
 * Commands on cached working sets (runtime/instance-cache.ts): the next command on an instance
 * skips the lock-and-load round trip, never acts on an instance another command (or node)
 * changed since, runs handlers only once, and leaves exactly the rows and events the locked
 * and loaded way leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, eventLabel, type PersistencePort, type StoreTransaction } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, vars } from '../support/scenario';
import { twoNodeKinds, type TwoNodes } from '../support/store-kinds';

let db: TestDatabase;
let cacheOn: TestDatabase;
let cacheOff: TestDatabase;
beforeAll(async () => {
  [db, cacheOn, cacheOff] = await Promise.all([createTestDatabase('instance_cache'), createTestDatabase('instance_cache_on'), createTestDatabase('instance_cache_off')]);
});
afterAll(async () => {
  await Promise.all([db, cacheOn, cacheOff].map((d) => d?.drop()));
});

const REVIEW = vars({ subject: 's', reviewer: 'r', prio: 1 });

/** A store whose transactions record how each command reached its instance. */
function observed(store: PersistencePort): { store: PersistencePort; calls: string[] } {
  const calls: string[] = [];
  const watch = (tx: StoreTransaction) => new Proxy(tx, {
    get(target, prop) {
      if (prop === 'lockInstance' || prop === 'expectRevision') calls.push(prop);
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'transaction') return <T>(work: (tx: StoreTransaction) => Promise<T>) => target.transaction((tx) => work(watch(tx)));
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, calls };
}

const stores = twoNodeKinds(() => db);

/** A user task, then a service task whose handler records its runs. */
const TASK_THEN_HANDLER = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  <process id="taskThenHandler" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <userTask id="review"/>
    <sequenceFlow id="f2" sourceRef="review" targetRef="record"/>
    <serviceTask id="record" camunda:class="Recorder"/>
    <sequenceFlow id="f3" sourceRef="record" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`;

describe.each(stores)('commands on cached working sets on %s', (_, nodes) => {
  it('completes a task right after its start without locking and loading the instance', async () => {
    const [storeA] = await nodes();
    const a = observed(storeA);
    const engine = new Engine({ store: a.store });
    await engine.deploy({ name: 'cached', resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn') }] });
    const started = await engine.startProcessInstance({ key: 'userTaskProcess', variables: REVIEW });
    const [task] = await engine.reads.findTasks({ processInstanceId: started.instanceId });
    a.calls.length = 0;
    const done = await engine.completeTask(task!.id, vars({ approved: true }));
    expect(a.calls).toEqual(['expectRevision']);
    expect(done.ended).toBe(true);
    expect(done.events.map(eventLabel)).toContain('process.completed');
    expect((await engine.reads.historicProcessInstance(started.instanceId))?.state).toBe('COMPLETED');
  });

  it('another node claimed the task meanwhile: the completion runs again on the stored instance and keeps the claim', async () => {
    const [storeA, storeB] = await nodes();
    const a = observed(storeA);
    const nodeA = new Engine({ store: a.store });
    const nodeB = new Engine({ store: storeB });
    await nodeA.deploy({ name: 'stale', resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn') }] });
    const started = await nodeA.startProcessInstance({ key: 'userTaskProcess', variables: REVIEW });
    const [task] = await nodeA.reads.findTasks({ processInstanceId: started.instanceId });
    await nodeB.setAssignee(task!.id, 'bob');
    a.calls.length = 0;
    await nodeA.completeTask(task!.id);
    expect(a.calls).toEqual(['expectRevision', 'lockInstance']);
    const [historic] = await nodeA.reads.historicTasks(started.instanceId);
    expect(historic).toMatchObject({ assignee: 'bob' });
    expect(historic!.endTime).toBeInstanceOf(Date);
    // The stale entry is gone, and the instance with it: a second completion finds no task.
    await expect(nodeA.completeTask(task!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a handler on the way runs once, on the locked and loaded instance', async () => {
    const [storeA] = await nodes();
    const a = observed(storeA);
    const runs: string[] = [];
    const engine = new Engine({ store: a.store, handlers: { Recorder: (e: { processInstanceId: string }) => void runs.push(e.processInstanceId) } });
    await engine.deploy({ name: 'handler', resources: [{ name: 'h.bpmn', content: TASK_THEN_HANDLER }] });
    const started = await engine.startProcessInstance({ key: 'taskThenHandler' });
    const [task] = await engine.reads.findTasks({ processInstanceId: started.instanceId });
    a.calls.length = 0;
    const done = await engine.completeTask(task!.id);
    expect(runs).toEqual([started.instanceId]);
    expect(a.calls).toEqual(['lockInstance']);
    expect(done.ended).toBe(true);
  });

  it('two completions of one task at once on one node: one completes it, the other finds no task', async () => {
    const [storeA] = await nodes();
    const engine = new Engine({ store: storeA });
    await engine.deploy({ name: 'race', resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn') }] });
    const started = await engine.startProcessInstance({ key: 'userTaskProcess', variables: REVIEW });
    const [task] = await engine.reads.findTasks({ processInstanceId: started.instanceId });
    const outcomes = await Promise.allSettled([engine.completeTask(task!.id), engine.completeTask(task!.id)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'NOT_FOUND' } });
    expect((await engine.reads.historicTasks(started.instanceId)).map((t) => t.endTime !== null)).toEqual([true]);
  });

  it('an instance holding a large variable is not kept: the next command locks and loads', async () => {
    const [storeA] = await nodes();
    const a = observed(storeA);
    const engine = new Engine({ store: a.store });
    await engine.deploy({ name: 'large', resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn') }] });
    const started = await engine.startProcessInstance({ key: 'userTaskProcess', variables: { ...REVIEW, ...vars({ report: { lines: Array(2_000).fill('twenty characters..') } }) } });
    const [task] = await engine.reads.findTasks({ processInstanceId: started.instanceId });
    a.calls.length = 0;
    await engine.completeTask(task!.id);
    expect(a.calls).toEqual(['lockInstance']);
  });

  it('with the cache turned off every command locks and loads', async () => {
    const [storeA] = await nodes();
    const a = observed(storeA);
    const engine = new Engine({ store: a.store, instanceCacheSize: 0 });
    await engine.deploy({ name: 'off', resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn') }] });
    const started = await engine.startProcessInstance({ key: 'userTaskProcess', variables: REVIEW });
    const [task] = await engine.reads.findTasks({ processInstanceId: started.instanceId });
    a.calls.length = 0;
    await engine.completeTask(task!.id);
    expect(a.calls).toEqual(['lockInstance']);
  });
});

/** Deterministic ids and times, so that two runs of one script write the same rows. */
function deterministicEngine(store: PersistencePort, instanceCacheSize: number): Engine {
  let id = 0;
  let tick = Date.parse('2026-01-01T00:00:00Z');
  return new Engine({
    store, instanceCacheSize,
    newId: () => `id-${String(++id).padStart(6, '0')}`,
    clock: () => new Date((tick += 1)),
  });
}

/** Commands over several processes, mostly on instances the previous command just left. */
async function script(engine: Engine): Promise<string[]> {
  const log: string[] = [];
  engine.onEvents((events) => log.push(...events.map(eventLabel)));
  for (const file of ['user-task.bpmn', 'parallel-gateway.bpmn', 'exclusive-gateway.bpmn', 'message-catch.bpmn', 'call-parent.bpmn', 'call-child.bpmn', 'multi-instance-sequential.bpmn']) {
    await engine.deploy({ name: file, resources: [{ name: file, content: fixture(file) }] });
  }
  const task = async (instanceId: string, key?: string) => {
    const tasks = await engine.reads.findTasks({ processInstanceId: instanceId, ...(key ? { taskDefinitionKey: key } : {}) });
    return tasks[0]!.id;
  };
  const review = await engine.startProcessInstance({ key: 'userTaskProcess', businessKey: 'bk', variables: REVIEW });
  await engine.setAssignee(await task(review.instanceId), 'mary');
  await engine.setVariables(review.instanceId, vars({ note: 'checked', when: new Date('2026-02-03T04:05:06Z'), data: { a: [1, 2] } }));
  await engine.updateTask(await task(review.instanceId), { priority: 80, due: new Date('2026-03-01T00:00:00Z') });
  await engine.completeTask(await task(review.instanceId), vars({ approved: true }));

  const parallel = await engine.startProcessInstance({ key: 'parallel' });
  await engine.completeTask(await task(parallel.instanceId, 'taskB'), vars({ b: 1 }));
  await engine.completeTask(await task(parallel.instanceId, 'taskA'), vars({ a: 2 }));

  const exclusive = await engine.startProcessInstance({ key: 'exclusive', variables: vars({ amount: 5000 }) });
  for (const t of await engine.reads.findTasks({ processInstanceId: exclusive.instanceId })) await engine.completeTask(t.id, vars({ ok: true }));

  const waiting = await engine.startProcessInstance({ key: 'messageCatch', businessKey: 'A', variables: vars({ orderId: 7 }) });
  await engine.setVariables(waiting.instanceId, vars({ extra: 'x' }));
  await engine.events.correlate({ messageName: 'payment-7', processVariables: vars({ amount: 12.5 }) });
  for (const t of await engine.reads.findTasks({ processInstanceId: waiting.instanceId })) await engine.completeTask(t.id);

  const parent = await engine.startProcessInstance({ key: 'callParent', variables: vars({ amount: 20 }) });
  await engine.setVariables(parent.instanceId, vars({ before: 1 }));
  const [child] = (await engine.reads.findTasks({})).filter((t) => t.instanceId !== parent.instanceId && t.taskDefinitionKey === 'childTask');
  await engine.completeTask(child!.id, vars({ result: 'ok' }));
  for (const t of await engine.reads.findTasks({ processInstanceId: parent.instanceId })) await engine.completeTask(t.id);

  const sequential = await engine.startProcessInstance({ key: 'miSequential', variables: vars({ reviewers: ['ann', 'bob', 'cid'] }) });
  for (let i = 0; i < 3; i++) await engine.completeTask(await task(sequential.instanceId, 'review'), vars({ [`vote${i}`]: i }));
  return log;
}

/** Every row of the runtime and history tables, in id order (the operation log without its random ids and wall-clock times). */
async function dump(database: TestDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const tables = ['process_instance', 'variable', 'user_task', 'incident', 'job', 'event_subscription', 'history_process_instance',
    'history_activity_instance', 'history_task', 'history_variable', 'history_variable_update'];
  for (const table of tables) out[table] = (await database.store.pool.query(`SELECT * FROM ${table} ORDER BY id`)).rows;
  out.user_operation_log = (await database.store.pool.query(
    `SELECT operation_type, entity_type, property, org_value, new_value, process_instance_id, task_id FROM user_operation_log
     ORDER BY process_instance_id, task_id, operation_type, property, new_value`,
  )).rows;
  return out;
}

describe('commands on cached working sets leave what the locked and loaded way leaves (PostgreSQL)', () => {
  it('writes the same rows and publishes the same events with the cache on and off', async () => {
    const cached = observed(cacheOn.store);
    const withCache = await script(deterministicEngine(cached.store, 1_000));
    const without = await script(deterministicEngine(cacheOff.store, 0));
    expect(cached.calls.filter((c) => c === 'expectRevision').length).toBeGreaterThan(10);
    expect(withCache).toEqual(without);
    expect(await dump(cacheOn)).toEqual(await dump(cacheOff));
  });
});
