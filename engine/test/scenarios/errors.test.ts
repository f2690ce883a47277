import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, scenario, vars } from '../support/scenario';
import { jobScenario } from '../support/job-scenario';

type S = Awaited<ReturnType<typeof scenario>>;

async function variables(s: Pick<S, 'engine'>, instanceId: string): Promise<Record<string, unknown>> {
  return Object.fromEntries((await s.engine.reads.instanceVariables(instanceId)).map((v) => [v.name, v.value]));
}

async function complete(s: S, instanceId: string, key: string, values: Record<string, unknown> = {}) {
  return s.engine.completeTask((await s.task(instanceId, key)).id, vars(values));
}

describe('error end events and error boundary events', () => {
  it('an error thrown inside one instance of a parallel multi-instance sub-process is caught on the body, ending every instance', async () => {
    const s = await scenario(['error-in-multi-instance.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorInMultiInstance', variables: vars({ lines: ['a', 'b', 'c'] }) });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['pick', 'pick', 'pick']);
    const [first, second] = await s.engine.reads.findTasks({ processInstanceId: r.instanceId });
    await s.engine.completeTask(first!.id, vars({ broken: false }));
    s.takeLog();
    await s.engine.completeTask(second!.id, vars({ broken: true }));
    const log = s.takeLog();
    expect(log.filter((l) => l.startsWith('task.deleted'))).toEqual(['task.deleted:pick']);
    expect(log).toContain('activity.terminated:perLine#multiInstanceBody');
    expect(log.slice(-4)).toEqual(['activity.completed:lineBroken', 'flow.taken:f4', 'activity.started:repair', 'task.created:repair']);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['repair']);
    expect((await variables(s, r.instanceId)).code).toBe('LINE_BROKEN');
  });


  it('an error end event in a sub-process is caught by the matching boundary event on the sub-process, which ends the whole sub-process', async () => {
    const s = await scenario(['error-boundary.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorBoundary', variables: vars({ reason: 'no stock' }) });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['side', 'work']);
    s.takeLog();
    await complete(s, r.instanceId, 'work', { kind: 'A' });
    expect(s.takeLog()).toEqual([
      'task.completed:work', 'activity.completed:work', 'flow.taken:s4', 'activity.started:gw', 'activity.completed:gw', 'flow.taken:s5',
      'activity.started:throwA', 'task.deleted:side', 'activity.terminated:side', 'activity.terminated:throwA', 'activity.terminated:sub',
      'activity.started:catchA', 'activity.completed:catchA', 'flow.taken:f5', 'activity.started:handleA', 'task.created:handleA',
    ]);
    // The specific catch wins over the catch-all on the same activity; code and camunda:errorMessage land in the variables.
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['handleA']);
    expect(await variables(s, r.instanceId)).toMatchObject({ errCode: 'A', errMsg: 'went wrong: no stock' });
    const activities = await s.engine.reads.historicActivityInstances(r.instanceId);
    expect(activities.find((a) => a.activityId === 'sub')).toMatchObject({ canceled: true });
    expect(activities.find((a) => a.activityId === 'catchA')).toMatchObject({ canceled: false });
  });

  it('a catch-all boundary event (no errorRef) catches any other code and sets errorCodeVariable', async () => {
    const s = await scenario(['error-boundary.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorBoundary', variables: vars({ reason: '' }) });
    await complete(s, r.instanceId, 'work', { kind: 'B' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['handleOther']);
    const v = await variables(s, r.instanceId);
    expect(v.anyCode).toBe('B');
    expect(v).not.toHaveProperty('errCode');
    expect(s.takeLog()).not.toContain('activity.started:catchA');
  });

  it('without an error the sub-process completes normally and the boundary events are gone', async () => {
    const s = await scenario(['error-boundary.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorBoundary', variables: vars({ reason: '' }) });
    await complete(s, r.instanceId, 'side');
    await complete(s, r.instanceId, 'work', { kind: 'none' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['afterSub']);
    expect((await complete(s, r.instanceId, 'afterSub')).ended).toBe(true);
  });
});

describe('error event sub-processes', () => {
  it('an error event sub-process inside the sub-process takes precedence over a boundary event on it for the same error (Camunda 7 rule)', async () => {
    const s = await scenario(['error-event-subprocess.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorEspPrecedence' });
    s.takeLog();
    await complete(s, r.instanceId, 'work');
    expect(s.takeLog()).toEqual([
      'task.completed:work', 'activity.completed:work', 'flow.taken:s2', 'activity.started:throwA', 'activity.terminated:throwA',
      'activity.started:subEsp', 'activity.started:subEspStart', 'activity.completed:subEspStart', 'flow.taken:e1',
      'activity.started:subHandle', 'task.created:subHandle',
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['subHandle']);
    expect(await variables(s, r.instanceId)).toMatchObject({ caughtCode: 'A' });
    // The event sub-process completes its scope: the sub-process then completes normally.
    const done = await complete(s, r.instanceId, 'subHandle');
    expect(s.takeLog()).toEqual([
      'task.completed:subHandle', 'activity.completed:subHandle', 'flow.taken:e2', 'activity.started:subEspEnd', 'activity.completed:subEspEnd',
      'activity.completed:subEsp', 'activity.completed:sub', 'flow.taken:f2', 'activity.started:end', 'activity.completed:end', 'process.completed',
    ]);
    expect(done.ended).toBe(true);
  });

  it('within one scope: any error event sub-process beats a boundary event with the code; among event sub-processes the specific code wins', async () => {
    const s = await scenario(['error-event-subprocess.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorEspCatchAll' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['cEspSpecificTask']);
    expect(s.takeLog()).not.toContain('activity.started:cBoundary');
  });

  it('an error thrown in a sub-process without a catch there propagates to a process-level event sub-process, which interrupts the whole instance', async () => {
    const s = await scenario(['error-event-subprocess.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorProcessEsp' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['innerWork', 'other']);
    s.takeLog();
    await complete(s, r.instanceId, 'innerWork');
    expect(s.takeLog()).toEqual([
      'task.completed:innerWork', 'activity.completed:innerWork', 'flow.taken:i2', 'activity.started:throwX',
      'activity.terminated:throwX', 'activity.terminated:inner', 'task.deleted:other', 'activity.terminated:other',
      'activity.started:processEsp', 'activity.started:processEspStart', 'activity.completed:processEspStart', 'flow.taken:q1',
      'activity.started:recover', 'task.created:recover',
    ]);
    expect(await variables(s, r.instanceId)).toMatchObject({ processError: 'X' });
    const done = await complete(s, r.instanceId, 'recover');
    expect(done.ended).toBe(true);
    expect(await s.engine.reads.historicProcessInstance(r.instanceId)).toMatchObject({ state: 'COMPLETED', deleteReason: null });
  });
});

describe('propagation through nested sub-processes', () => {
  it('passes a sub-process whose boundary event catches another code and is caught two levels up', async () => {
    const s = await scenario(['error-event-subprocess.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorNested' });
    expect(s.takeLog().slice(-9)).toEqual([
      'activity.started:deepThrow', 'activity.terminated:deepThrow', 'activity.terminated:middle', 'activity.terminated:outer',
      'activity.started:outerCatchesX', 'activity.completed:outerCatchesX', 'flow.taken:n3', 'activity.started:rightHandler', 'task.created:rightHandler',
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['rightHandler']);
    expect(await variables(s, r.instanceId)).toMatchObject({ code: 'X' });
  });
});

describe('catch and re-throw', () => {
  it('an error thrown inside an error event sub-process is not caught by that event sub-process but by the boundary event outside', async () => {
    const s = await scenario(['error-event-subprocess.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorRethrow' });
    expect(s.takeLog().slice(4)).toEqual([
      'activity.started:rSub', 'activity.started:rSubStart', 'activity.completed:rSubStart', 'flow.taken:rs1',
      'activity.started:rThrow', 'activity.terminated:rThrow', 'activity.started:rEsp', 'activity.started:rEspStart',
      'activity.completed:rEspStart', 'flow.taken:re1', 'activity.started:rethrow', 'activity.terminated:rethrow',
      'activity.terminated:rEsp', 'activity.terminated:rSub', 'activity.started:catchOuter', 'activity.completed:catchOuter',
      'flow.taken:r3', 'activity.started:outerHandled', 'task.created:outerHandled',
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['outerHandled']);
  });
});

describe('uncaught errors', () => {
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
  });

  it('at the top level the path ends like a none end event (Camunda 7), logged as error.uncaught and kept in history as the reason', async () => {
    const s = await scenario(['error-uncaught.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorUncaught', variables: vars({ nested: false }) });
    expect(r.ended).toBe(true);
    expect(s.takeLog().slice(-4)).toEqual(['activity.started:throwTop', 'error.uncaught:throwTop', 'activity.completed:throwTop', 'process.completed']);
    expect(await s.engine.reads.historicProcessInstance(r.instanceId)).toMatchObject({
      state: 'COMPLETED', endActivityId: 'throwTop', deleteReason: "BPMN error 'UNHANDLED' thrown at 'throwTop' was not caught",
    });
  });

  it('on a parallel branch the rest goes on; the reason is kept (PostgreSQL) until the instance completes later', async () => {
    db = await createTestDatabase('errors_uncaught');
    const s = await scenario(['error-uncaught.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'errorUncaughtBranch' });
    expect(r.ended).toBe(false);
    expect(s.takeLog()).toContain('error.uncaught:throwBranch');
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['wait']);
    expect((await complete(s, r.instanceId, 'wait')).ended).toBe(true);
    expect(await s.engine.reads.historicProcessInstance(r.instanceId)).toMatchObject({
      state: 'COMPLETED', endActivityId: 'bEnd', deleteReason: "BPMN error 'UNHANDLED' thrown at 'throwBranch' was not caught",
    });
  });

  it('inside a sub-process the sub-process completes and the parent goes on', async () => {
    const s = await scenario(['error-uncaught.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorUncaught', variables: vars({ nested: true }) });
    expect(s.takeLog()).toContain('error.uncaught:throwInSub');
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['after']);
  });
});

describe('external task bpmnError', () => {
  const fetch = (s: Awaited<ReturnType<typeof jobScenario>>) =>
    s.engine.externalTasks.fetchAndLock({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [{ topicName: 'charge', lockDurationMs: 60_000 }] });

  it('is caught by the error boundary event on the service task, with code and message variables', async () => {
    const s = await jobScenario(['error-external-task.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'externalError' });
    const [locked] = await fetch(s);
    s.takeLog();
    await s.engine.externalTasks.bpmnError(locked!.task.id, 'w', 'PAYMENT_REJECTED', 'card declined', vars({ attempt: 1 }));
    expect(s.takeLog()).toEqual([
      'activity.terminated:charge', 'activity.started:chargeFailed', 'activity.completed:chargeFailed', 'flow.taken:s3',
      'activity.started:askCustomer', 'task.created:askCustomer',
    ]);
    expect(await variables(s, r.instanceId)).toMatchObject({ failure: 'PAYMENT_REJECTED', failureMessage: 'card declined', attempt: 1 });
    expect(await s.engine.reads.getExternalTask(locked!.task.id)).toBeNull();
    expect(await s.engine.reads.incidentsOfInstance(r.instanceId)).toEqual([]);
  });

  it('with another code propagates out of the sub-process to the process-level error event sub-process', async () => {
    const s = await jobScenario(['error-external-task.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'externalError' });
    const [locked] = await fetch(s);
    s.takeLog();
    await s.engine.externalTasks.bpmnError(locked!.task.id, 'w', 'FRAUD', null);
    expect(s.takeLog()).toEqual([
      'activity.terminated:charge', 'activity.terminated:sub', 'activity.started:esp', 'activity.started:espStart',
      'activity.completed:espStart', 'flow.taken:e1', 'activity.started:investigate', 'task.created:investigate',
    ]);
    expect(await variables(s, r.instanceId)).toMatchObject({ processError: 'FRAUD' });
  });

  it('uncaught ends the path as in Camunda 7 (no incident), logged as error.uncaught', async () => {
    const s = await jobScenario(['external-task.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'externalProcess', variables: vars({ topic: 'charge' }) });
    const [locked] = await fetch(s);
    s.takeLog();
    const done = await s.engine.externalTasks.bpmnError(locked!.task.id, 'w', 'PAYMENT_REJECTED', 'card declined');
    expect(s.takeLog()).toEqual(['error.uncaught:charge', 'activity.completed:charge', 'process.completed']);
    expect(done.ended).toBe(true);
    expect(await s.engine.reads.historicProcessInstance(r.instanceId)).toMatchObject({
      deleteReason: "BPMN error 'PAYMENT_REJECTED' thrown at 'charge' was not caught",
    });
  });
});

describe('error events at deploy time', () => {
  it('rejects what Camunda 7 rejects, naming each element', async () => {
    const s = await scenario([]);
    const err = await s.engine.deploy({ resources: [{ name: 'bad.bpmn', content: fixture('error-invalid.bpmn') }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BPMN_INVALID' });
    const problems = (err as { problems: Array<{ elementId: string; reason: string }> }).problems;
    expect(problems.map((p) => p.elementId).sort()).toEqual(['errorStartOnProcess', 'escOnTask', 'nonInterruptingError', 'throwNoCode']);
    expect(problems.find((p) => p.elementId === 'throwNoCode')!.reason).toContain("'noCode' has no errorCode");
  });
});
