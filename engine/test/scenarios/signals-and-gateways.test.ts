import { describe, expect, it } from 'vitest';
import { scenario, vars } from '../support/scenario';
import { storeKinds } from '../support/store-kinds';
import { jobScenario, minutes } from '../support/job-scenario';

describe('signal events', () => {

  it('a thrown signal reaches its own instance at once and the others through a broadcast job committed with the throw', async () => {
    const s = await jobScenario(['signal-events.bpmn']);
    const waiter = await s.engine.startProcessInstance({ key: 'signalWaiter' });
    s.takeLog();
    const thrower = await s.engine.startProcessInstance({ key: 'signalThrower' });
    expect(thrower.ended).toBe(true);
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:tStart', 'activity.completed:tStart', 'flow.taken:t1', 'activity.started:raise', 'signal.thrown:raise',
      'activity.completed:raise', 'flow.taken:t2', 'activity.started:tEnd', 'signal.thrown:tEnd', 'activity.completed:tEnd', 'process.completed',
    ]);
    expect(await s.openTaskKeys(waiter.instanceId)).toEqual(['work']);
    // Two throws, two broadcast jobs: the first ends the catch event and fires the boundary event; the second fires the boundary event again.
    expect(await s.executor.runDueJobs()).toBe(2);
    const log = s.takeLog();
    expect(log.filter((l) => l.startsWith('event.received'))).toEqual([
      'event.received:alerted', 'event.received:noted', 'event.received:sStart', 'event.received:noted', 'event.received:sStart',
    ]);
    expect(await s.engine.reads.findTasks({ taskDefinitionKey: 'react' })).toHaveLength(2);
    // Subscriptions made after the throw do not receive it: a late retry of the job changes nothing.
    const late = await s.engine.startProcessInstance({ key: 'signalWaiter' });
    expect(await s.executor.runDueJobs()).toBe(0);
    expect((await s.engine.reads.eventSubscriptionsOfInstance(late.instanceId)).map((e) => e.activityId).sort()).toEqual(['alerted', 'noted']);
  });
});

describe('event-based gateway', () => {
  it('the first event wins: a message cancels the timer and the signal subscription', async () => {
    const s = await jobScenario(['event-based-gateway.bpmn']);
    const a = await s.engine.startProcessInstance({ key: 'eventGateway' });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1', 'activity.started:which',
      'event.subscribed:approved', 'job.created:timeout', 'event.subscribed:aborted',
    ]);
    await s.engine.events.correlate({ messageName: 'approve' });
    expect(s.takeLog()).toEqual([
      'event.received:approved', 'activity.completed:which', 'flow.taken:f2', 'activity.started:approved', 'activity.completed:approved',
      'flow.taken:f3', 'activity.started:approvedEnd', 'activity.completed:approvedEnd', 'process.completed',
    ]);
    expect(await s.advance(minutes(61))).toBe(0);
    expect((await s.engine.reads.historicProcessInstance(a.instanceId))?.endActivityId).toBe('approvedEnd');
  });

  it('the timer wins when nothing arrives; late messages find nothing', async () => {
    const s = await jobScenario(['event-based-gateway.bpmn']);
    const a = await s.engine.startProcessInstance({ key: 'eventGateway' });
    s.takeLog();
    expect(await s.advance(minutes(60))).toBe(1);
    expect(s.takeLog()).toEqual([
      'job.executed:timeout', 'activity.completed:which', 'flow.taken:f4', 'activity.started:timeout', 'activity.completed:timeout',
      'flow.taken:f5', 'activity.started:timeoutEnd', 'activity.completed:timeoutEnd', 'process.completed',
    ]);
    await expect(s.engine.events.correlate({ messageName: 'approve' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_CORRELATED' });
    expect((await s.engine.reads.historicProcessInstance(a.instanceId))?.endActivityId).toBe('timeoutEnd');
  });

});

const STORES = storeKinds('signals_gateways');

describe.each(STORES)('signals, event-based gateway and links (%s)', (_kind, store) => {
  it('POST /signal reaches every catch event, non-interrupting boundary event and signal start event', async () => {
    const s = await scenario(['signal-events.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'signalWaiter' });
    const b = await s.engine.startProcessInstance({ key: 'signalWaiter' });
    s.takeLog();
    await s.engine.events.signal({ name: 'alert', variables: vars({ level: 'high' }) });
    const log = s.takeLog();
    // Two waiting instances: catch event and boundary event each; one new instance from the start event.
    expect(log.filter((l) => l.startsWith('event.received'))).toEqual([
      'event.received:alerted', 'event.received:noted', 'event.received:alerted', 'event.received:noted', 'event.received:sStart',
    ]);
    for (const id of [a.instanceId, b.instanceId]) expect(await s.openTaskKeys(id)).toEqual(['work']);
    const started = (await s.engine.reads.findTasks({ taskDefinitionKey: 'react' }))[0]!;
    const visible = await s.engine.visibleVariables(started.instanceId, started.instanceId);
    expect(visible?.map((v) => [v.name, v.value])).toEqual([['level', 'high']]);
  });

  it('a signal wins over the others', async () => {
    const s = await scenario(['event-based-gateway.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'eventGateway' });
    await s.engine.events.signal({ name: 'abort' });
    expect((await s.engine.reads.historicProcessInstance(a.instanceId))?.endActivityId).toBe('abortedEnd');
    expect(await s.engine.reads.jobsOfInstance(a.instanceId)).toEqual([]);
  });

  it('a link throw event continues at the catch event of the same name', async () => {
    const s = await scenario(['link-events.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'linkEvents' });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1', 'activity.started:prepare', 'activity.completed:prepare',
      'flow.taken:f2', 'activity.started:goToReview', 'activity.completed:goToReview', 'activity.started:fromPrepare', 'activity.completed:fromPrepare',
      'flow.taken:f3', 'activity.started:review', 'task.created:review',
    ]);
    expect(await s.openTaskKeys(a.instanceId)).toEqual(['review']);
  });
});
