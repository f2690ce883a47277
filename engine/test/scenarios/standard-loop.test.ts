/**
 * Standard loops (`bpmn:standardLoopCharacteristics`, which Camunda 7 rejects): the body
 * `<id>#loopBody` runs the inner activity again while loopCondition holds, checked before the
 * first iteration only with testBefore="true", and at most loopMaximum times. On PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { scenario, vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('engine_standard_loop');
});
afterAll(async () => {
  await db?.drop();
});

const START = ['process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1'];
const END = ['flow.taken:f2', 'activity.started:end', 'activity.completed:end', 'process.completed'];
const AGAIN = ['task.completed:attempt', 'activity.completed:attempt', 'activity.started:attempt', 'task.created:attempt'];

describe('standard loop', () => {
  it('testBefore="true": a while loop — loopCounter counts iterations, the condition is checked before each', async () => {
    const s = await scenario(['standard-loop-test-before.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'loopTestBefore', variables: vars({ target: 2 }) });
    expect(s.takeLog()).toEqual([...START, 'activity.started:attempt#loopBody', 'activity.started:attempt', 'task.created:attempt']);
    const first = await s.task(r.instanceId, 'attempt');
    expect(first.name).toBe('Attempt 0');
    await s.engine.completeTask(first.id);
    expect(s.takeLog()).toEqual(AGAIN);
    const second = await s.task(r.instanceId, 'attempt');
    expect(second.name).toBe('Attempt 1');
    expect((await s.engine.completeTask(second.id)).ended).toBe(true);
    expect(s.takeLog()).toEqual(['task.completed:attempt', 'activity.completed:attempt', 'activity.completed:attempt#loopBody', ...END]);

    const history = await s.engine.reads.historicActivityInstances(r.instanceId);
    const body = history.find((a) => a.activityId === 'attempt#loopBody')!;
    expect(body).toMatchObject({ activityType: 'standardLoopBody', parentActivityInstanceId: r.instanceId });
    expect(history.filter((a) => a.activityId === 'attempt').map((a) => a.parentActivityInstanceId)).toEqual([body.id, body.id]);
  });

  it('testBefore="true" with a false condition: the activity never runs', async () => {
    const s = await scenario(['standard-loop-test-before.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'loopTestBefore', variables: vars({ target: 0 }) });
    expect(r.ended).toBe(true);
    expect(s.takeLog()).toEqual([...START, 'activity.started:attempt#loopBody', 'activity.completed:attempt#loopBody', ...END]);
  });

  it('testBefore="false": a do-while loop — runs once even though the condition is already false, then stops when it turns false', async () => {
    const s = await scenario(['standard-loop-test-after.bpmn'], db.store);
    const once = await s.engine.startProcessInstance({ key: 'loopTestAfter', variables: vars({ done: true }) });
    expect(s.takeLog()).toEqual([...START, 'activity.started:attempt#loopBody', 'activity.started:attempt', 'task.created:attempt']);
    await s.engine.completeTask((await s.task(once.instanceId, 'attempt')).id);
    expect(s.takeLog()).toEqual(['task.completed:attempt', 'activity.completed:attempt', 'activity.completed:attempt#loopBody', ...END]);

    const r = await s.engine.startProcessInstance({ key: 'loopTestAfter', variables: vars({ done: false }) });
    s.takeLog();
    await s.engine.completeTask((await s.task(r.instanceId, 'attempt')).id);
    expect(s.takeLog()).toEqual(AGAIN);
    // The condition sees variables the iteration set.
    const done = await s.engine.completeTask((await s.task(r.instanceId, 'attempt')).id, vars({ done: true }));
    expect(done.ended).toBe(true);
  });

  it('loopMaximum caps a loop whose condition always holds', async () => {
    const s = await scenario(['standard-loop-maximum.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'loopMaximum' });
    expect(r.ended).toBe(true);
    expect(s.takeLog()).toEqual([
      ...START.slice(0, 3), 'flow.taken:f1', 'activity.started:ping#loopBody',
      'activity.started:ping', 'activity.completed:ping', 'activity.started:ping', 'activity.completed:ping', 'activity.started:ping', 'activity.completed:ping',
      'activity.completed:ping#loopBody', ...END,
    ]);
  });

  it('a looped sub-process gets a fresh scope per iteration', async () => {
    const s = await scenario(['standard-loop-sub-process.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'loopSubProcess' });
    expect(s.takeLog()).toEqual([
      ...START, 'activity.started:round#loopBody', 'activity.started:round',
      'activity.started:roundStart', 'activity.completed:roundStart', 'flow.taken:s1', 'activity.started:play', 'task.created:play',
    ]);
    const first = await s.task(r.instanceId, 'play');
    expect(first.name).toBe('Round 0');
    await s.engine.completeTask(first.id);
    expect(s.takeLog()).toEqual([
      'task.completed:play', 'activity.completed:play', 'flow.taken:s2', 'activity.started:roundEnd', 'activity.completed:roundEnd', 'activity.completed:round',
      'activity.started:round', 'activity.started:roundStart', 'activity.completed:roundStart', 'flow.taken:s1', 'activity.started:play', 'task.created:play',
    ]);
    const second = await s.task(r.instanceId, 'play');
    expect(second.name).toBe('Round 1');
    expect((await s.engine.completeTask(second.id)).ended).toBe(true);
    const history = await s.engine.reads.historicActivityInstances(r.instanceId);
    const rounds = history.filter((a) => a.activityId === 'round');
    expect(new Set(rounds.map((a) => a.id)).size).toBe(2);
  });

  it('a condition that fails to evaluate is an incident at the body', async () => {
    const s = await scenario(['standard-loop-test-before.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'loopTestBefore' });
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'attempt#loopBody', errorCode: 'EXPRESSION_UNKNOWN_VARIABLE' });
  });
});
