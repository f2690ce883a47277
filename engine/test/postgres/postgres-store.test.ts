import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, eventLabel, type PersistencePort } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('engine_pg');
});
afterAll(async () => {
  await db?.drop();
});

function engineOn(store: PersistencePort): { engine: Engine; log: string[] } {
  const engine = new Engine({ store });
  const log: string[] = [];
  engine.onEvents((events) => log.push(...events.filter((e) => e.type !== 'variable.set').map(eventLabel)));
  return { engine, log };
}

describe('engine on PostgreSQL', () => {
  it('a definition suspended on one node cannot be started on another whose cache still holds it', async () => {
    const a = engineOn(db.store).engine;
    const b = engineOn(db.store).engine;
    const deployed = await a.deploy({ name: 'two-nodes', resources: [{ name: 'm.bpmn', content: fixture('message-start.bpmn') }, { name: 'u.bpmn', content: fixture('user-task.bpmn') }] });
    const userTask = deployed.definitions.find((d) => d.key === 'userTaskProcess')!;
    await b.startProcessInstance({ definitionId: userTask.id });
    await b.events.correlate({ messageName: 'orderPlaced' });
    await a.setDefinitionsSuspended(deployed.definitions.map((d) => d.id), true);
    await expect(b.startProcessInstance({ definitionId: userTask.id })).rejects.toMatchObject({ code: 'NOT_STARTABLE' });
    await expect(b.startProcessInstance({ key: 'userTaskProcess' })).rejects.toMatchObject({ code: 'NOT_STARTABLE' });
    await expect(b.events.correlate({ messageName: 'orderPlaced' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_CORRELATED' });
    await a.setDefinitionsSuspended(deployed.definitions.map((d) => d.id), false);
    expect((await b.startProcessInstance({ key: 'userTaskProcess' })).ended).toBe(false);
  });

  it('starts from a definition record the caller just read, and that record decides suspension', async () => {
    const { engine } = engineOn(db.store);
    await engine.deploy({ name: 'given-record', resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn') }] });
    const current = (await engine.reads.latestDefinitionByKey('userTaskProcess'))!;
    const started = await engine.startProcessInstance({ definition: current, variables: vars({ subject: 's', reviewer: 'r', prio: 1 }) });
    expect(started.definitionId).toBe(current.id);
    await expect(engine.startProcessInstance({ definition: { ...current, suspended: true } })).rejects.toMatchObject({ code: 'NOT_STARTABLE' });
  });

  it('completeTask runs the caller\'s authorize check on the task it loaded; a refusal writes nothing', async () => {
    const { engine, log } = engineOn(db.store);
    await engine.deploy({ name: 'authorize', resources: [{ name: 'u.bpmn', content: fixture('user-task.bpmn') }] });
    const started = await engine.startProcessInstance({ key: 'userTaskProcess', variables: vars({ subject: 's', reviewer: 'r', prio: 1 }) });
    const [task] = await engine.reads.findTasks({ processInstanceId: started.instanceId });
    const seen: string[] = [];
    const refuse = (t: { id: string; assignee: string | null }) => {
      seen.push(`${t.id}:${t.assignee}`);
      throw new Error('not yours');
    };
    log.length = 0;
    await expect(engine.completeTask(task!.id, vars({ leaked: 1 }), { authorize: refuse })).rejects.toThrow('not yours');
    // Twice: on the working set cached by the start (unverified, its refusal sends the command
    // the verified way), then on the locked and loaded one, whose refusal is the answer.
    expect(seen).toEqual([`${task!.id}:${task!.assignee}`, `${task!.id}:${task!.assignee}`]);
    expect(log).toEqual([]);
    expect((await engine.reads.instanceVariables(started.instanceId)).map((v) => v.name)).not.toContain('leaked');
    expect((await engine.reads.findTasks({ processInstanceId: started.instanceId })).map((t) => t.id)).toEqual([task!.id]);
    await engine.completeTask(task!.id, {}, { authorize: () => undefined });
    expect(await engine.reads.findTasks({ processInstanceId: started.instanceId })).toEqual([]);
  });

  it('continues a waiting instance after a restart (a new engine on the same database)', async () => {
    const first = engineOn(db.store);
    await first.engine.deploy({ name: 'restart', resources: [{ name: 'parallel-gateway.bpmn', content: fixture('parallel-gateway.bpmn') }] });
    const r = await first.engine.startProcessInstance({ key: 'parallel', businessKey: 'bk-restart', variables: vars({ when: new Date('2024-05-01T10:00:00Z'), data: { a: [1, 2] } }) });
    const taskA = (await first.engine.reads.findTasks({ processInstanceId: r.instanceId, taskDefinitionKey: 'taskA' }))[0]!;
    await first.engine.completeTask(taskA.id, vars({ approved: true }));
    await db.store.close();

    // "Restart": new DataSource, new store, new engine with an empty definition cache.
    const store = await db.openStore();
    const second = engineOn(store);
    const variables = await second.engine.reads.instanceVariables(r.instanceId);
    expect(Object.fromEntries(variables.map((v) => [v.name, [v.type, v.value]]))).toEqual({
      approved: ['Boolean', true], data: ['Json', { a: [1, 2] }], when: ['Date', new Date('2024-05-01T10:00:00Z')],
    });
    const taskB = (await second.engine.reads.findTasks({ processInstanceId: r.instanceId, taskDefinitionKey: 'taskB' }))[0]!;
    expect(taskB.businessKey).toBe('bk-restart');
    await second.engine.completeTask(taskB.id);
    expect(second.log).toEqual([
      'task.completed:taskB', 'activity.completed:taskB', 'flow.taken:f5', 'activity.started:join',
      'activity.completed:join', 'activity.completed:join', 'flow.taken:f6', 'activity.started:after', 'task.created:after',
    ]);
    const after = (await second.engine.reads.findTasks({ processInstanceId: r.instanceId }))[0]!;
    const done = await second.engine.completeTask(after.id);
    expect(done.ended).toBe(true);
    expect(await store.reads.getInstance(r.instanceId)).toBeNull();
    expect(await store.reads.instanceVariables(r.instanceId)).toEqual([]);
    expect(await store.reads.historicProcessInstance(r.instanceId)).toMatchObject({ state: 'COMPLETED', endActivityId: 'end' });
    const activities = await store.reads.historicActivityInstances(r.instanceId);
    expect(activities.map((a) => a.activityId)).toEqual(['start', 'fork', 'taskA', 'taskB', 'join', 'join', 'after', 'end']);
    expect(activities.every((a) => a.endTime instanceof Date)).toBe(true);
  });

  it('serializes concurrent completion of both parallel branches: both succeed, the join fires once', async () => {
    const { engine } = engineOn(await db.openStore());
    const other = engineOn(await db.openStore());
    await engine.deploy({ name: 'concurrent', resources: [{ name: 'parallel-gateway.bpmn', content: fixture('parallel-gateway.bpmn') }] });
    for (let round = 0; round < 5; round++) {
      const r = await engine.startProcessInstance({ key: 'parallel' });
      const tasks = await engine.reads.findTasks({ processInstanceId: r.instanceId });
      expect(tasks).toHaveLength(2);
      const results = await Promise.all([engine.completeTask(tasks[0]!.id), other.engine.completeTask(tasks[1]!.id)]);
      expect(results.map((x) => x.ended)).toEqual([false, false]);
      const open = await engine.reads.findTasks({ processInstanceId: r.instanceId });
      expect(open.map((t) => t.taskDefinitionKey)).toEqual(['after']);
      const joins = (await engine.reads.historicActivityInstances(r.instanceId)).filter((a) => a.activityId === 'after');
      expect(joins).toHaveLength(1);
    }
  });

  it('persists nothing when one resource of a deployment is rejected', async () => {
    const store = await db.openStore();
    const { engine } = engineOn(store);
    const count = async () => Number((await store.pool.query('SELECT (SELECT count(*) FROM deployment) + (SELECT count(*) FROM process_definition) AS n')).rows[0].n);
    const before = await count();
    await expect(
      engine.deploy({ name: 'bad', resources: [{ name: 'ok.bpmn', content: fixture('user-task.bpmn') }, { name: 'bad.bpmn', content: fixture('unsupported-elements.bpmn') }] }),
    ).rejects.toMatchObject({ code: 'BPMN_INVALID' });
    expect(await count()).toBe(before);
  });
});
