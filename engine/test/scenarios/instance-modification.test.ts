import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { scenario, vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('engine_modification');
});
afterAll(async () => {
  await db?.drop();
});

describe('process instance modification (PostgreSQL)', () => {
  it('starts before an activity with variables and cancels by activity id, in instruction order', async () => {
    const s = await scenario(['modification.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'modify' });
    s.takeLog();
    await s.engine.modifyProcessInstance(r.instanceId, [
      { type: 'startBeforeActivity', activityId: 'approve', variables: vars({ reason: 'fast track' }) },
      { type: 'cancel', activityId: 'review' },
    ]);
    expect(s.takeLog()).toEqual(['activity.started:approve', 'task.created:approve', 'task.deleted:review', 'activity.terminated:review']);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['approve']);
    expect((await s.engine.reads.instanceVariables(r.instanceId)).map((v) => [v.name, v.value])).toEqual([['reason', 'fast track']]);
    const done = await s.engine.completeTask((await s.task(r.instanceId, 'approve')).id);
    expect(done.ended).toBe(true);
  });

  it('starts after an activity and on a transition; cancelling the last activity instance of a sub-process cancels the sub-process', async () => {
    const s = await scenario(['modification.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'modify' });
    s.takeLog();
    await s.engine.modifyProcessInstance(r.instanceId, [{ type: 'startAfterActivity', activityId: 'review' }]);
    expect(s.takeLog()).toEqual([
      'flow.taken:f2', 'activity.started:sub', 'activity.started:subStart', 'activity.completed:subStart', 'flow.taken:s1', 'activity.started:check', 'task.created:check',
    ]);
    const check = (await s.engine.reads.getInstance(r.instanceId))!.tokens.find((t) => t.elementId === 'check')!;
    await s.engine.modifyProcessInstance(r.instanceId, [{ type: 'cancel', activityInstanceId: check.activityInstanceId }]);
    expect(s.takeLog()).toEqual(['task.deleted:check', 'activity.terminated:check', 'activity.terminated:sub']);
    const state = (await s.engine.reads.getInstance(r.instanceId))!;
    expect(state.tokens.map((t) => t.elementId)).toEqual(['review']);
    expect(state.scopes).toEqual([]);

    await s.engine.modifyProcessInstance(r.instanceId, [{ type: 'startTransition', transitionId: 'f3' }, { type: 'cancel', activityId: 'review' }]);
    expect(s.takeLog()).toEqual(['flow.taken:f3', 'activity.started:approve', 'task.created:approve', 'task.deleted:review', 'activity.terminated:review']);
    const history = await s.engine.reads.historicActivityInstances(r.instanceId);
    expect(history.filter((a) => a.canceled).map((a) => a.activityId).sort()).toEqual(['check', 'review', 'sub']);
  });

  it('starts inside a running sub-process instance; refuses to start where no enclosing sub-process runs', async () => {
    const s = await scenario(['modification.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'modify' });
    await expect(s.engine.modifyProcessInstance(r.instanceId, [{ type: 'startBeforeActivity', activityId: 'check' }])).rejects.toThrow(
      "Modification instruction 1 cannot be executed: no active instance of sub-process 'sub' to start 'check' in; start the sub-process itself",
    );
    await s.engine.completeTask((await s.task(r.instanceId, 'review')).id);
    s.takeLog();
    await s.engine.modifyProcessInstance(r.instanceId, [{ type: 'startBeforeActivity', activityId: 'check' }]);
    expect(s.takeLog()).toEqual(['activity.started:check', 'task.created:check']);
    const tokens = (await s.engine.reads.getInstance(r.instanceId))!.tokens.filter((t) => t.elementId === 'check');
    expect(new Set(tokens.map((t) => t.scopeInstanceId)).size).toBe(1);
    expect(tokens).toHaveLength(2);
  });

  it('a failing instruction rolls back the whole modification; cancelling everything terminates the instance', async () => {
    const s = await scenario(['modification.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'modify' });
    s.takeLog();
    await expect(
      s.engine.modifyProcessInstance(r.instanceId, [{ type: 'cancel', activityId: 'review' }, { type: 'startBeforeActivity', activityId: 'nope' }]),
    ).rejects.toThrow("Modification instruction 2 cannot be executed: activity 'nope' does not exist in process 'modify'");
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['review']);
    s.takeLog();
    const result = await s.engine.modifyProcessInstance(r.instanceId, [{ type: 'cancel', activityId: 'review' }], { annotation: 'not needed' });
    expect(result.ended).toBe(true);
    expect(s.takeLog()).toEqual(['task.deleted:review', 'activity.terminated:review', 'process.terminated']);
    expect(await s.engine.reads.historicProcessInstance(r.instanceId)).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: 'not needed' });
  });
});
