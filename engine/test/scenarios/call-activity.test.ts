import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, scenario, vars } from '../support/scenario';
import { jobScenario, minutes } from '../support/job-scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('engine_call_activity');
});
afterAll(async () => {
  await db?.drop();
});

/** The instance a waiting call activity token of `parentId` called. */
async function calledInstanceOf(engine: Engine, parentId: string, elementId: string): Promise<string> {
  const parent = await engine.reads.getInstance(parentId);
  const id = parent?.tokens.find((t) => t.elementId === elementId)?.calledInstanceId;
  if (!id) throw new Error(`no called instance at '${elementId}' of ${parentId}`);
  return id;
}

async function variables(engine: Engine, instanceId: string): Promise<Record<string, unknown>> {
  return Object.fromEntries((await engine.reads.instanceVariables(instanceId)).map((v) => [v.name, v.value]));
}

describe('call activity (PostgreSQL)', () => {
  it('starts the child within the parent command, maps variables and the business key in and out, and continues the parent when the child completes', async () => {
    const s = await scenario(['call-parent.bpmn', 'call-child.bpmn'], db.store);
    const parent = await s.engine.startProcessInstance({ key: 'callParent', businessKey: 'order-7', variables: vars({ amount: 20 }) });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1', 'activity.started:callChild',
      'process.started', 'activity.started:childStart', 'activity.completed:childStart', 'flow.taken:c1', 'activity.started:childTask',
      'task.created:childTask',
    ]);
    const childId = await calledInstanceOf(s.engine, parent.instanceId, 'callChild');
    const child = await s.engine.reads.getInstance(childId);
    expect(child).toMatchObject({ businessKey: 'order-7-child', superInstanceId: parent.instanceId, rootInstanceId: parent.instanceId, callDepth: 1 });
    expect(await variables(s.engine, childId)).toEqual({ childAmount: 20, doubled: 40, missing: null });
    expect(await s.engine.reads.historicProcessInstance(childId)).toMatchObject({ superInstanceId: parent.instanceId, rootInstanceId: parent.instanceId });
    const callHistory = (await s.engine.reads.historicActivityInstances(parent.instanceId)).find((a) => a.activityId === 'callChild');
    expect(callHistory).toMatchObject({ activityType: 'callActivity', calledInstanceId: childId, endTime: null });

    const done = await s.engine.completeTask((await s.task(childId, 'childTask')).id, vars({ result: 'ok' }));
    expect(done.ended).toBe(true);
    expect(s.takeLog()).toEqual([
      'task.completed:childTask', 'activity.completed:childTask', 'flow.taken:c2', 'activity.started:childEnd', 'activity.completed:childEnd',
      'process.completed', 'activity.completed:callChild', 'flow.taken:f2', 'activity.started:afterCall', 'task.created:afterCall',
    ]);
    expect(await s.engine.reads.getInstance(childId)).toBeNull();
    expect(await variables(s.engine, parent.instanceId)).toEqual({ amount: 20, childResult: 'ok', score: 41 });
    expect((await s.engine.reads.getInstance(parent.instanceId))!.tokens[0]!.calledInstanceId).toBeUndefined();
    const last = await s.engine.completeTask((await s.task(parent.instanceId, 'afterCall')).id);
    expect(last.ended).toBe(true);
  });

  it('passes all variables in and out; a child without wait state completes within the parent command', async () => {
    const s = await scenario(['call-all-variables.bpmn'], db.store);
    const parent = await s.engine.startProcessInstance({ key: 'callAllVariables', variables: vars({ x: 1, calledKey: 'passThrough' }) });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1', 'activity.started:callPass',
      'process.started', 'activity.started:passStart', 'activity.completed:passStart', 'flow.taken:p1', 'activity.started:passEnd', 'activity.completed:passEnd',
      'process.completed', 'activity.completed:callPass', 'flow.taken:f2', 'activity.started:after', 'task.created:after',
    ]);
    expect(await variables(s.engine, parent.instanceId)).toEqual({ x: 1, calledKey: 'passThrough', derived: 2 });
    const children = (await s.engine.reads.historicActivityInstances(parent.instanceId)).map((a) => a.activityId);
    expect(children).toEqual(['start', 'callPass', 'after']);
  });

  it('local="true": in reads only the scope the call activity is in, out writes only there', async () => {
    const s = await scenario(['call-local.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'callLocal', variables: vars({ outer: 'o' }) });
    const subScope = (await s.engine.reads.getInstance(r.instanceId))!.scopes[0]!.id;
    await s.engine.modifyVariables(r.instanceId, subScope, { modifications: vars({ inner: 'i' }) }, true);
    await s.engine.completeTask((await s.task(r.instanceId, 'prepare')).id);
    const byScope = (await s.engine.reads.instanceVariables(r.instanceId)).map((v) => [v.scopeId === subScope ? 'sub' : 'instance', v.name, v.value]);
    expect(byScope.sort()).toEqual([['instance', 'childSawOuter', false], ['instance', 'outer', 'o'], ['sub', 'echo', 'i'], ['sub', 'inner', 'i']]);
  });

  it('binds the called version: latest, version (expression), versionTag and deployment', async () => {
    const s = await scenario([], db.store);
    await s.engine.deploy({
      name: 'bindings',
      resources: [{ name: 'call-bindings.bpmn', content: fixture('call-bindings.bpmn') }, { name: 'call-versioned-v1.bpmn', content: fixture('call-versioned-v1.bpmn') }],
    });
    await s.engine.deploy({ name: 'v2', resources: [{ name: 'call-versioned-v2.bpmn', content: fixture('call-versioned-v2.bpmn') }] });
    s.takeLog();
    const parent = await s.engine.startProcessInstance({ key: 'callBindings', variables: vars({ wanted: 1 }) });
    const taskOf = async (elementId: string) => (await s.engine.reads.findTasks({ processInstanceId: await calledInstanceOf(s.engine, parent.instanceId, elementId) }))[0]!.taskDefinitionKey;
    expect(await taskOf('callLatest')).toBe('taskV2');
    expect(await taskOf('callVersion')).toBe('taskV1');
    expect(await taskOf('callTag')).toBe('taskV2');
    expect(await taskOf('callDeployment')).toBe('taskV1');
    expect(s.takeLog().filter((e) => e.startsWith('task.created'))).toEqual(['task.created:taskV2', 'task.created:taskV1', 'task.created:taskV2', 'task.created:taskV1']);
  });

  it('deleting the parent cancels its children; deleting a child cancels the calling activity (Camunda 7)', async () => {
    const s = await scenario(['call-parent.bpmn', 'call-child.bpmn'], db.store);
    const first = await s.engine.startProcessInstance({ key: 'callParent', variables: vars({ amount: 1 }) });
    const firstChild = await calledInstanceOf(s.engine, first.instanceId, 'callChild');
    s.takeLog();
    await s.engine.deleteProcessInstance(first.instanceId, 'cancelled by test');
    expect(s.takeLog()).toEqual([
      'activity.terminated:callChild', 'process.terminated', 'task.deleted:childTask', 'activity.terminated:childTask', 'process.terminated',
    ]);
    expect(await s.engine.reads.getInstance(firstChild)).toBeNull();
    expect(await s.engine.reads.historicProcessInstance(firstChild)).toMatchObject({ state: 'EXTERNALLY_TERMINATED' });

    const second = await s.engine.startProcessInstance({ key: 'callParent', variables: vars({ amount: 1 }) });
    const secondChild = await calledInstanceOf(s.engine, second.instanceId, 'callChild');
    s.takeLog();
    await s.engine.deleteProcessInstance(secondChild, 'child removed');
    expect(s.takeLog()).toEqual(['task.deleted:childTask', 'activity.terminated:childTask', 'process.terminated', 'activity.terminated:callChild', 'process.terminated']);
    expect(await s.engine.reads.getInstance(second.instanceId)).toBeNull();
    expect(await s.engine.reads.historicProcessInstance(second.instanceId)).toMatchObject({ state: 'EXTERNALLY_TERMINATED' });
  });

  it('completing the child while the parent is deleted concurrently: serialized on the root, no deadlock', async () => {
    const s = await scenario(['call-parent.bpmn', 'call-child.bpmn'], db.store);
    for (let round = 0; round < 5; round++) {
      const parent = await s.engine.startProcessInstance({ key: 'callParent', variables: vars({ amount: round }) });
      const childId = await calledInstanceOf(s.engine, parent.instanceId, 'callChild');
      const task = await s.task(childId, 'childTask');
      const [complete, remove] = await Promise.allSettled([
        s.engine.completeTask(task.id, vars({ result: 'ok' })),
        s.engine.deleteProcessInstance(parent.instanceId),
      ]);
      expect(remove.status).toBe('fulfilled');
      // Either the child completed first (then the parent was deleted at afterCall) or the
      // deletion came first and the task was gone: never a deadlock or a half-written state.
      if (complete.status === 'rejected') expect(String(complete.reason)).toMatch(/does not exist|no open task/);
      expect(await s.engine.reads.getInstance(childId)).toBeNull();
      expect(await s.engine.reads.getInstance(parent.instanceId)).toBeNull();
    }
  });

  it('a call activity cycle stops at the depth limit with an incident, without a stack overflow', async () => {
    const s = await scenario(['call-cycle.bpmn'], db.store);
    const root = await s.engine.startProcessInstance({ key: 'callCycle' });
    const log = s.takeLog();
    expect(log.filter((e) => e === 'process.started')).toHaveLength(33);
    expect(log.at(-1)).toBe('incident.created:callSelf');
    let id = root.instanceId;
    for (let depth = 0; depth < 32; depth++) id = await calledInstanceOf(s.engine, id, 'callSelf');
    const deepest = await s.engine.reads.getInstance(id);
    expect(deepest).toMatchObject({ callDepth: 32, rootInstanceId: root.instanceId });
    const [incident] = await s.engine.reads.incidentsOfInstance(id);
    expect(incident).toMatchObject({ activityId: 'callSelf', errorCode: 'CALL_DEPTH_EXCEEDED' });
    expect(incident!.message).toContain('32 nested called process instances');

    await s.engine.deleteProcessInstance(root.instanceId);
    expect(s.takeLog().filter((e) => e === 'process.terminated')).toHaveLength(33);
    expect(await s.engine.reads.getInstance(id)).toBeNull();
  });

  it('a called process that is not deployed is an incident naming the call activity', async () => {
    const s = await scenario(['call-missing.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'callMissing', variables: vars({ target: 'doesNotExist' }) });
    expect(s.takeLog().slice(-2)).toEqual(['activity.started:callNowhere', 'incident.created:callNowhere']);
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'callNowhere', errorCode: 'CALLED_ELEMENT_NOT_FOUND' });
    expect(incident!.message).toBe("Call activity 'callNowhere' cannot start process 'doesNotExist': no process definition with key 'doesNotExist' is deployed");

    // Fix the data and retry the incident: the call activity is entered again and calls the child.
    await s.engine.deploy({ name: 'child', resources: [{ name: 'call-child.bpmn', content: fixture('call-child.bpmn') }] });
    await s.engine.setVariables(r.instanceId, vars({ target: 'callChild' }));
    s.takeLog();
    await s.engine.incidents.retry(incident!.id);
    expect(s.takeLog()).toEqual([
      'incident.resolved:callNowhere', 'activity.started:callNowhere', 'process.started', 'activity.started:childStart', 'activity.completed:childStart', 'flow.taken:c1',
      'activity.started:childTask', 'task.created:childTask',
    ]);
    expect(await s.engine.reads.incidentsOfInstance(r.instanceId)).toEqual([]);
    const childId = await calledInstanceOf(s.engine, r.instanceId, 'callNowhere');
    expect(await s.openTaskKeys(childId)).toEqual(['childTask']);
  });

  it('modification: cancelling the call activity cancels the child; starting before it calls a new child', async () => {
    const s = await scenario(['call-parent.bpmn', 'call-child.bpmn'], db.store);
    const parent = await s.engine.startProcessInstance({ key: 'callParent', variables: vars({ amount: 3 }) });
    const firstChild = await calledInstanceOf(s.engine, parent.instanceId, 'callChild');
    s.takeLog();
    await s.engine.modifyProcessInstance(parent.instanceId, [{ type: 'startBeforeActivity', activityId: 'callChild' }, { type: 'cancel', activityInstanceId: (await s.engine.reads.getInstance(parent.instanceId))!.tokens[0]!.activityInstanceId }]);
    // Cross-instance work runs after the instructions, in request order: the new child starts,
    // then the cancelled call activity's child is cancelled.
    expect(s.takeLog()).toEqual([
      'activity.started:callChild', 'activity.terminated:callChild',
      'process.started', 'activity.started:childStart', 'activity.completed:childStart', 'flow.taken:c1', 'activity.started:childTask', 'task.created:childTask',
      'task.deleted:childTask', 'activity.terminated:childTask', 'process.terminated',
    ]);
    expect(await s.engine.reads.getInstance(firstChild)).toBeNull();
    const secondChild = await calledInstanceOf(s.engine, parent.instanceId, 'callChild');
    expect(secondChild).not.toBe(firstChild);
    expect(await s.engine.reads.getInstance(secondChild)).toMatchObject({ superInstanceId: parent.instanceId });
  });

  it('rejects call activities with attributes Baton does not execute, naming the element', async () => {
    const s = await scenario([], db.store);
    const xml = fixture('call-cycle.bpmn').replace('calledElement="callCycle"', 'calledElement="callCycle" camunda:variableMappingClass="org.example.Mapper"');
    await expect(s.engine.deploy({ name: 'bad', resources: [{ name: 'bad.bpmn', content: xml }] })).rejects.toThrow(
      'callSelf: camunda:variableMappingClass is not supported yet',
    );
  });
});

describe('call activity with jobs (in-memory store, test clock)', () => {
  it('a child completing in a job command continues the parent in the same command', async () => {
    const s = await jobScenario(['call-timeout.bpmn']);
    const parent = await s.engine.startProcessInstance({ key: 'callWithTimeout', variables: vars({ wait: 'PT10M' }) });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1', 'activity.started:callSlow', 'job.created:timeout',
      // The child starts once the parent's tokens rest (still in the parent's command).
      'process.started', 'activity.started:slowStart', 'activity.completed:slowStart', 'flow.taken:s1', 'activity.started:pause', 'job.created:pause',
    ]);
    expect(await s.advance(minutes(10))).toBe(1);
    expect(s.takeLog()).toEqual([
      'job.executed:pause', 'activity.completed:pause', 'flow.taken:s2', 'activity.started:slowEnd', 'activity.completed:slowEnd', 'process.completed',
      'activity.completed:callSlow', 'flow.taken:f2', 'activity.started:end', 'activity.completed:end', 'process.completed',
    ]);
    expect(await s.engine.reads.getInstance(parent.instanceId)).toBeNull();
    expect(await s.jobs(parent.instanceId)).toEqual([]);
  });

  it('an interrupting boundary timer on the call activity cancels the called instance', async () => {
    const s = await jobScenario(['call-timeout.bpmn']);
    const parent = await s.engine.startProcessInstance({ key: 'callWithTimeout', variables: vars({ wait: 'PT2H' }) });
    const childId = await calledInstanceOf(s.engine, parent.instanceId, 'callSlow');
    s.takeLog();
    expect(await s.advance(minutes(60))).toBe(1);
    expect(s.takeLog()).toEqual([
      'job.executed:timeout', 'activity.terminated:callSlow', 'activity.started:timeout', 'activity.completed:timeout', 'flow.taken:f3',
      'activity.started:timedOut', 'task.created:timedOut', 'activity.terminated:pause', 'process.terminated',
    ]);
    expect(await s.engine.reads.getInstance(childId)).toBeNull();
    expect(await s.jobs(childId)).toEqual([]);
    expect(await s.openTaskKeys(parent.instanceId)).toEqual(['timedOut']);
    expect(await s.advance(minutes(120))).toBe(0);
  });

  it('a BPMN error the child does not catch ends the child and is caught by a boundary event on the call activity', async () => {
    const s = await scenario(['call-error.bpmn'], db.store);
    const parent = await s.engine.startProcessInstance({ key: 'callWithErrorBoundary' });
    const [assess] = await s.engine.reads.findTasks({ taskDefinitionKey: 'assess' });
    const childId = assess!.instanceId;
    s.takeLog();
    await s.engine.completeTask(assess!.id, vars({ fraud: true }));
    const log = s.takeLog();
    expect(log).toContain('process.terminated');
    expect(log.slice(-4)).toEqual(['activity.completed:fraudFound', 'flow.taken:f3', 'activity.started:investigate', 'task.created:investigate']);
    expect(await s.engine.reads.getInstance(childId)).toBeNull();
    expect((await s.engine.reads.historicProcessInstance(childId))?.deleteReason).toContain("BPMN error 'FRAUD' thrown at 'fraud' propagated");
    expect(await s.openTaskKeys(parent.instanceId)).toEqual(['investigate']);
    const code = (await s.engine.visibleVariables(parent.instanceId, parent.instanceId))?.find((v) => v.name === 'code');
    expect(code?.value).toBe('FRAUD');
  });

  it('a child that ends normally continues the parent past the error boundary event', async () => {
    const s = await scenario(['call-error.bpmn'], db.store);
    const parent = await s.engine.startProcessInstance({ key: 'callWithErrorBoundary' });
    const tasks = await s.engine.reads.findTasks({ taskDefinitionKey: 'assess' });
    const children = await Promise.all(tasks.map((t) => s.engine.reads.getInstance(t.instanceId)));
    const assess = tasks.find((_, i) => children[i]?.superInstanceId === parent.instanceId);
    await s.engine.completeTask(assess!.id, vars({ fraud: false }));
    expect((await s.engine.reads.historicProcessInstance(parent.instanceId))?.endActivityId).toBe('end');
  });

  it('an escalation the child does not catch reaches the call activity: non-interrupting runs beside it, interrupting cancels the child', async () => {
    const s = await scenario(['call-escalation.bpmn'], db.store);
    const a = await s.engine.startProcessInstance({ key: 'callWithEscalation', variables: vars({ stop: false }) });
    expect(await s.openTaskKeys(a.instanceId)).toEqual(['chase']);
    const [childWork] = (await s.engine.reads.findTasks({ taskDefinitionKey: 'childWork' }));
    expect((await s.engine.reads.getInstance(childWork!.instanceId))?.superInstanceId).toBe(a.instanceId);
    const b = await s.engine.startProcessInstance({ key: 'callWithEscalation', variables: vars({ stop: true }) });
    expect(b.ended).toBe(true);
    expect((await s.engine.reads.historicProcessInstance(b.instanceId))?.endActivityId).toBe('stopEnd');
    expect(await s.engine.reads.findTasks({ taskDefinitionKey: 'childWork' })).toHaveLength(1);
  });

  it('a parallel multi-instance call activity starts one child per item; the parent goes on when all completed', async () => {
    const s = await scenario(['call-multi-instance.bpmn', 'call-child.bpmn'], db.store);
    const parent = await s.engine.startProcessInstance({ key: 'callMany', variables: vars({ items: ['a', 'b', 'c'] }) });
    const tasks = await s.engine.reads.findTasks({ taskDefinitionKey: 'childTask' });
    const mine = [];
    for (const t of tasks) if ((await s.engine.reads.getInstance(t.instanceId))?.superInstanceId === parent.instanceId) mine.push(t);
    expect(mine).toHaveLength(3);
    const items = await Promise.all(mine.map(async (t) => (await s.engine.reads.instanceVariables(t.instanceId)).find((v) => v.name === 'item')?.value));
    expect(items.sort()).toEqual(['a', 'b', 'c']);
    for (const t of mine.slice(0, 2)) await s.engine.completeTask(t.id);
    expect(await s.openTaskKeys(parent.instanceId)).toEqual([]);
    await s.engine.completeTask(mine[2]!.id);
    expect(await s.openTaskKeys(parent.instanceId)).toEqual(['after']);
  });
});
