import { describe, expect, it } from 'vitest';
import { scenario, vars } from '../support/scenario';
import { storeKinds } from '../support/store-kinds';

type S = Awaited<ReturnType<typeof scenario>>;

async function variables(s: S, instanceId: string): Promise<Record<string, unknown>> {
  return Object.fromEntries((await s.engine.reads.instanceVariables(instanceId)).map((v) => [v.name, v.value]));
}

async function complete(s: S, instanceId: string, key: string, values: Record<string, unknown> = {}) {
  return s.engine.completeTask((await s.task(instanceId, key)).id, vars(values));
}

const STORES = storeKinds('escalation');

describe.each(STORES)('escalation events (%s)', (_kind, store) => {
  it('a non-interrupting escalation boundary event starts its flow and keeps the sub-process running; the thrower continues', async () => {
    const s = await scenario(['escalation.bpmn'], await store());
    const r = await s.engine.startProcessInstance({ key: 'escalationBoundary' });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1', 'activity.started:sub',
      'activity.started:subStart', 'activity.completed:subStart', 'flow.taken:s1', 'activity.started:throwLate',
      'activity.completed:throwLate', 'flow.taken:s2', 'activity.started:onLate', 'activity.completed:onLate', 'flow.taken:f4',
      'activity.started:work', 'task.created:work', 'activity.started:notify', 'task.created:notify',
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['notify', 'work']);
    expect(await variables(s, r.instanceId)).toMatchObject({ escCode: 'LATE' });
    await complete(s, r.instanceId, 'notify');
    await complete(s, r.instanceId, 'work', { fail: false });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['afterSub']);
  });

  it('an escalation end event caught by an interrupting boundary event cancels the sub-process', async () => {
    const s = await scenario(['escalation.bpmn'], await store());
    const r = await s.engine.startProcessInstance({ key: 'escalationBoundary' });
    s.takeLog();
    await complete(s, r.instanceId, 'work', { fail: true });
    expect(s.takeLog()).toEqual([
      'task.completed:work', 'activity.completed:work', 'flow.taken:s3', 'activity.started:gw', 'activity.completed:gw', 'flow.taken:s4',
      'activity.started:escEnd', 'activity.terminated:escEnd', 'activity.terminated:sub', 'activity.started:onFatal',
      'activity.completed:onFatal', 'flow.taken:f6', 'activity.started:fatalHandled', 'task.created:fatalHandled',
    ]);
    // The non-interrupting branch started earlier lives outside the sub-process and stays.
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['fatalHandled', 'notify']);
  });

  it('an uncaught escalation is no error: the throw event passes, the end event ends its path, the sub-process completes', async () => {
    const s = await scenario(['escalation.bpmn'], await store());
    const r = await s.engine.startProcessInstance({ key: 'escalationUncaught' });
    expect(s.takeLog().slice(-6)).toEqual([
      'activity.started:throwNobody', 'escalation.uncaught:throwNobody', 'activity.completed:throwNobody', 'flow.taken:us2',
      'activity.started:uWork', 'task.created:uWork',
    ]);
    await complete(s, r.instanceId, 'uWork');
    expect(s.takeLog()).toEqual([
      'task.completed:uWork', 'activity.completed:uWork', 'flow.taken:us3', 'activity.started:endNobody', 'escalation.uncaught:endNobody',
      'activity.completed:endNobody', 'activity.completed:uSub', 'flow.taken:u2', 'activity.started:uAfter', 'task.created:uAfter',
    ]);
    expect(await s.engine.reads.incidentsOfInstance(r.instanceId)).toEqual([]);
  });

  it('escalation event sub-processes: a non-interrupting one at process level catches from a sub-process; an interrupting one in the sub-process ends its scope', async () => {
    const s = await scenario(['escalation.bpmn'], await store());
    const r = await s.engine.startProcessInstance({ key: 'escalationEsp' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['eWork', 'logIt']);
    expect(await variables(s, r.instanceId)).toMatchObject({ esc: 'INFO' });
    s.takeLog();
    await complete(s, r.instanceId, 'eWork');
    expect(s.takeLog()).toEqual([
      'task.completed:eWork', 'activity.completed:eWork', 'flow.taken:es3', 'activity.started:throwStop', 'activity.terminated:throwStop',
      'activity.started:stopEsp', 'activity.started:stopStart', 'activity.completed:stopStart', 'flow.taken:t1',
      'activity.started:stopped', 'task.created:stopped',
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['logIt', 'stopped']);
  });
});
