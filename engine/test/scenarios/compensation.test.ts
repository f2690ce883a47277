import { afterAll, describe, expect, it } from 'vitest';
import { fixture, scenario } from '../support/scenario';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

type S = Awaited<ReturnType<typeof scenario>>;

async function complete(s: S, instanceId: string, key: string) {
  return s.engine.completeTask((await s.task(instanceId, key)).id);
}

describe('compensation', () => {
  it('compensates completed activities in reverse completion order and waits for every handler', async () => {
    const s = await scenario(['compensation.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'compensationOrder' });
    await complete(s, r.instanceId, 'bookFlight');
    await complete(s, r.instanceId, 'bookCar');
    s.takeLog();
    await complete(s, r.instanceId, 'bookHotel');
    expect(s.takeLog()).toEqual([
      'task.completed:bookHotel', 'activity.completed:bookHotel', 'flow.taken:f4', 'activity.started:join', 'activity.completed:join',
      'activity.completed:join', 'activity.completed:join', 'flow.taken:f6', 'activity.started:undoAll',
      // hotel completed last: compensated first; the flight completed first: compensated last
      'activity.started:undoHotel', 'activity.completed:undoHotel', 'activity.started:undoCar', 'task.created:undoCar',
      'activity.started:undoFlight', 'activity.completed:undoFlight',
    ]);
    const done = await complete(s, r.instanceId, 'undoCar');
    expect(s.takeLog()).toEqual([
      'task.completed:undoCar', 'activity.completed:undoCar', 'activity.completed:undoAll', 'flow.taken:f7',
      'activity.started:cancelled', 'activity.completed:cancelled', 'process.completed',
    ]);
    expect(done.ended).toBe(true);
  });

  it('a completed sub-process is compensated by compensating its own activities (recursively), in completion order of the scope', async () => {
    const s = await scenario(['compensation.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'compensationNested' });
    expect(s.takeLog().slice(-7)).toEqual([
      'activity.completed:confirm', 'flow.taken:n3', 'activity.started:compensateAll',
      'activity.started:undoConfirm', 'activity.completed:undoConfirm', 'activity.started:undoReserve', 'task.created:undoReserve',
    ]);
    expect(r.ended).toBe(false);
    const done = await complete(s, r.instanceId, 'undoReserve');
    expect(s.takeLog()).toEqual(['task.completed:undoReserve', 'activity.completed:undoReserve', 'activity.completed:compensateAll', 'process.completed']);
    expect(done.ended).toBe(true);
  });

  it('activityRef compensates only that activity; a later throw compensates what is left, once', async () => {
    const s = await scenario(['compensation.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'compensationRef' });
    expect(s.takeLog().slice(-7)).toEqual([
      'activity.started:throwB', 'activity.started:undoB', 'activity.completed:undoB', 'activity.completed:throwB',
      'flow.taken:r4', 'activity.started:wait', 'task.created:wait',
    ]);
    await complete(s, r.instanceId, 'wait');
    const log = s.takeLog();
    expect(log.filter((e) => e.startsWith('activity.started:undo'))).toEqual(['activity.started:undoA']);
    expect(log.at(-1)).toBe('process.completed');
  });

  it('a compensation end event in an error event sub-process compensates the scope around it', async () => {
    const s = await scenario(['compensation.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'compensationOnError' });
    s.takeLog();
    await complete(s, r.instanceId, 'ship');
    expect(s.takeLog()).toEqual([
      'task.completed:ship', 'activity.completed:ship', 'flow.taken:e3', 'activity.started:fail', 'activity.terminated:fail',
      'activity.started:onError', 'activity.started:onErrorStart', 'activity.completed:onErrorStart', 'flow.taken:o1',
      'activity.started:compensateParent', 'activity.started:refund', 'task.created:refund',
    ]);
    const done = await complete(s, r.instanceId, 'refund');
    expect(done.ended).toBe(true);
    expect(s.takeLog().slice(-4)).toEqual(['activity.completed:refund', 'activity.completed:compensateParent', 'activity.completed:onError', 'process.completed']);
  });

  it('a sub-process cancelled before it completed is not compensated (its subscriptions go with it)', async () => {
    const s = await scenario(['compensation.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'compensationCancelled' });
    expect((await s.engine.reads.getInstance(r.instanceId))!.compensations!.map((c) => c.activityId)).toEqual(['hold']);
    s.takeLog();
    await complete(s, r.instanceId, 'decide');
    expect(s.takeLog().slice(-9)).toEqual([
      'activity.terminated:cSub', 'activity.started:aborted', 'activity.completed:aborted', 'flow.taken:c2',
      'activity.started:throwAll', 'activity.completed:throwAll', 'flow.taken:c3', 'activity.started:after', 'task.created:after',
    ]);
    expect((await s.engine.reads.getInstance(r.instanceId))!.compensations).toEqual([]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['after']);
  });
});

describe('compensation event sub-process', () => {
  it('compensating a completed sub-process runs its compensation event sub-process instead, which can compensate the inner activities', async () => {
    const s = await scenario(['compensation.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'compensationEsp' });
    // The event sub-process consumes the compensation: the inner handlers do not run by themselves.
    expect(s.takeLog().slice(-9)).toEqual([
      'activity.completed:trip', 'flow.taken:p2', 'activity.started:compensateTrip', 'activity.started:undoTrip',
      'activity.started:undoTripStart', 'activity.completed:undoTripStart', 'flow.taken:u1', 'activity.started:apologize', 'task.created:apologize',
    ]);
    const done = await complete(s, r.instanceId, 'apologize');
    expect(s.takeLog()).toEqual([
      'task.completed:apologize', 'activity.completed:apologize', 'flow.taken:u2', 'activity.started:undoInner',
      'activity.started:undoTripB', 'activity.completed:undoTripB', 'activity.started:undoTripA', 'activity.completed:undoTripA',
      'activity.completed:undoInner', 'flow.taken:u3', 'activity.started:undoTripEnd', 'activity.completed:undoTripEnd',
      'activity.completed:undoTrip', 'activity.completed:compensateTrip', 'process.completed',
    ]);
    expect(done.ended).toBe(true);
  });
});

describe('compensation on PostgreSQL', () => {
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps subscriptions in the instance state across commands', async () => {
    db = await createTestDatabase('compensation');
    const s = await scenario(['compensation.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'compensationOrder' });
    await complete(s, r.instanceId, 'bookCar');
    await complete(s, r.instanceId, 'bookHotel');
    expect((await s.engine.reads.getInstance(r.instanceId))!.compensations!.map((c) => c.activityId)).toEqual(['bookCar', 'bookHotel']);
    s.takeLog();
    await complete(s, r.instanceId, 'bookFlight');
    expect(s.takeLog().filter((e) => e.startsWith('activity.started:undo') && e !== 'activity.started:undoAll')).toEqual([
      'activity.started:undoFlight', 'activity.started:undoHotel', 'activity.started:undoCar',
    ]);
    expect((await s.engine.reads.getInstance(r.instanceId))!.compensations ?? []).toEqual([]);
    expect((await complete(s, r.instanceId, 'undoCar')).ended).toBe(true);
  });
});

describe('compensation at deploy time', () => {
  it('rejects waitForCompletion="false", bad activityRefs, unlinked boundary events and handlers, and process-level compensation event sub-processes', async () => {
    const s = await scenario([]);
    const err = await s.engine.deploy({ resources: [{ name: 'bad.bpmn', content: fixture('compensation-invalid.bpmn') }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BPMN_INVALID' });
    const problems = (err as { problems: Array<{ elementId: string; reason: string }> }).problems;
    expect(problems.map((p) => p.elementId).sort()).toEqual(['badRef', 'compensationStart', 'noHandler', 'noWait', 'orphanHandler']);
  });
});
