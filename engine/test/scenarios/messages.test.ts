import { describe, expect, it } from 'vitest';
import { vars, scenario } from '../support/scenario';
import { storeKinds } from '../support/store-kinds';

const STORES = storeKinds('messages');

describe.each(STORES)('message events (%s)', (_kind, store) => {
  it('an intermediate catch event waits for its message; the name is evaluated; variables arrive with it', async () => {
    const s = await scenario(['message-catch.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'messageCatch', businessKey: 'A', variables: vars({ orderId: 7 }) });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1', 'activity.started:paid', 'event.subscribed:paid',
    ]);
    await expect(s.engine.events.correlate({ messageName: 'payment-8' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_CORRELATED' });
    const [result] = await s.engine.events.correlate({ messageName: 'payment-7', processVariables: vars({ amount: 12.5 }) });
    expect(result).toMatchObject({ resultType: 'Execution', instance: { instanceId: a.instanceId, ended: false } });
    expect(s.takeLog()).toEqual([
      'event.received:paid', 'activity.completed:paid', 'flow.taken:f2', 'activity.started:ship', 'task.created:ship', 'event.subscribed:pinged',
    ]);
    const visible = await s.engine.visibleVariables(a.instanceId, a.instanceId);
    expect(visible?.find((v) => v.name === 'amount')?.value).toBe(12.5);
    // Delivered once: the subscription is gone, a repeated message finds nothing.
    await expect(s.engine.events.correlate({ messageName: 'payment-7' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_CORRELATED' });
  });

  it('business key and correlation keys select the instance; several matches are ambiguous; all=true takes every match', async () => {
    const s = await scenario(['message-catch.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'messageCatch', businessKey: 'A', variables: vars({ orderId: 1, region: 'north' }) });
    const b = await s.engine.startProcessInstance({ key: 'messageCatch', businessKey: 'B', variables: vars({ orderId: 1, region: 'south' }) });
    const c = await s.engine.startProcessInstance({ key: 'messageCatch', businessKey: 'C', variables: vars({ orderId: 1, region: 'south' }) });
    s.takeLog();
    await expect(s.engine.events.correlate({ messageName: 'payment-1' })).rejects.toMatchObject({ code: 'MESSAGE_AMBIGUOUS' });
    expect(s.takeLog()).toEqual([]);
    const [byKey] = await s.engine.events.correlate({ messageName: 'payment-1', businessKey: 'B' });
    expect(byKey!.instance.instanceId).toBe(b.instanceId);
    const [byVar] = await s.engine.events.correlate({ messageName: 'payment-1', correlationKeys: vars({ region: 'north' }) });
    expect(byVar!.instance.instanceId).toBe(a.instanceId);
    const [byId] = await s.engine.events.correlate({ messageName: 'payment-1', processInstanceId: c.instanceId, all: true });
    expect(byId!.instance.instanceId).toBe(c.instanceId);
    expect(await s.engine.events.correlate({ messageName: 'payment-1', all: true })).toEqual([]);
    for (const id of [a, b, c].map((i) => i.instanceId)) expect(await s.openTaskKeys(id)).toEqual(['ship']);
  });

  it('a non-interrupting message boundary event fires each time while the task waits; the task stays', async () => {
    const s = await scenario(['message-catch.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'messageCatch', variables: vars({ orderId: 3 }) });
    await s.engine.events.correlate({ messageName: 'payment-3' });
    s.takeLog();
    await s.engine.events.correlate({ messageName: 'ping' });
    expect(s.takeLog()).toEqual([
      'event.received:pinged', 'activity.started:pinged', 'activity.completed:pinged', 'flow.taken:f4', 'activity.started:answer', 'task.created:answer',
    ]);
    await s.engine.events.correlate({ messageName: 'ping' });
    expect(await s.openTaskKeys(a.instanceId)).toEqual(['answer', 'answer', 'ship']);
    await s.engine.completeTask((await s.task(a.instanceId, 'ship')).id);
    await expect(s.engine.events.correlate({ messageName: 'ping' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_CORRELATED' });
  });

  it('a receive task waits for its message; an interrupting message boundary event cancels it', async () => {
    const s = await scenario(['message-catch.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'receiveTask', variables: vars({ orderId: 5 }) });
    const b = await s.engine.startProcessInstance({ key: 'receiveTask', variables: vars({ orderId: 6 }) });
    s.takeLog();
    await s.engine.events.correlate({ messageName: 'payment-5' });
    expect(s.takeLog()).toEqual(['event.received:waitApproval', 'activity.completed:waitApproval', 'flow.taken:r2', 'activity.started:rEnd', 'activity.completed:rEnd', 'process.completed']);
    await s.engine.events.correlate({ messageName: 'cancel', processInstanceId: b.instanceId });
    expect(s.takeLog()).toEqual([
      'event.received:cancelled', 'activity.terminated:waitApproval', 'activity.started:cancelled', 'activity.completed:cancelled', 'flow.taken:r3',
      'activity.started:rCancelled', 'activity.completed:rCancelled', 'process.completed',
    ]);
    expect((await s.engine.reads.historicProcessInstance(a.instanceId))?.endActivityId).toBe('rEnd');
    expect((await s.engine.reads.historicProcessInstance(b.instanceId))?.endActivityId).toBe('rCancelled');
  });

  it('a message start event starts the latest version with business key and variables', async () => {
    const s = await scenario(['message-start.bpmn'], await store());
    await expect(s.engine.startProcessInstance({ key: 'messageStart' })).rejects.toMatchObject({ code: 'NOT_STARTABLE' });
    const [started] = await s.engine.events.correlate({ messageName: 'orderPlaced', businessKey: 'order-1', processVariables: vars({ total: 3 }) });
    expect(started).toMatchObject({ resultType: 'ProcessDefinition', executionId: null, instance: { businessKey: 'order-1', ended: false } });
    expect(s.takeLog()).toEqual([
      'event.received:placed', 'process.started', 'activity.started:placed', 'activity.completed:placed', 'flow.taken:f1', 'activity.started:pack', 'task.created:pack',
    ]);
    const visible = await s.engine.visibleVariables(started!.instance.instanceId, started!.instance.instanceId);
    expect(visible?.map((v) => [v.name, v.value])).toEqual([['total', 3]]);
  });

  it('a message correlated right after the start reaches the instance (its subscription committed with the start)', async () => {
    const s = await scenario(['message-catch.bpmn'], await store());
    const results = await Promise.all([0, 1, 2].map(async (i) => {
      const started = await s.engine.startProcessInstance({ key: 'messageCatch', variables: vars({ orderId: 100 + i }) });
      const [r] = await s.engine.events.correlate({ messageName: `payment-${100 + i}` });
      return r!.instance.instanceId === started.instanceId;
    }));
    expect(results).toEqual([true, true, true]);
  });

  it('an interrupting message event sub-process ends the process scope; a non-interrupting signal one runs beside it', async () => {
    const s = await scenario(['message-event-subprocess.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'orderWithEvents' });
    expect(s.takeLog()).toEqual([
      'process.started', 'event.subscribed:cancelStart', 'event.subscribed:notifyStart', 'activity.started:start', 'activity.completed:start',
      'flow.taken:f1', 'activity.started:handle', 'task.created:handle',
    ]);
    await s.engine.events.signal({ name: 'notify' });
    await s.engine.events.signal({ name: 'notify' });
    expect(await s.openTaskKeys(a.instanceId)).toEqual(['handle', 'readNotice', 'readNotice']);
    s.takeLog();
    await s.engine.events.correlate({ messageName: 'cancelOrder' });
    expect(s.takeLog()).toEqual([
      'event.received:cancelStart', 'task.deleted:handle', 'activity.terminated:handle',
      'task.deleted:readNotice', 'activity.terminated:readNotice', 'activity.terminated:onNotify',
      'task.deleted:readNotice', 'activity.terminated:readNotice', 'activity.terminated:onNotify',
      'activity.started:onCancel', 'activity.started:cancelStart', 'activity.completed:cancelStart', 'flow.taken:c1',
      'activity.started:cancelEnd', 'activity.completed:cancelEnd', 'activity.completed:onCancel', 'process.completed',
    ]);
    expect(await s.engine.reads.getInstance(a.instanceId)).toBeNull();
  });

  it('a message that ends a called instance continues its parent in the same command', async () => {
    const s = await scenario(['call-all-variables.bpmn', 'message-catch.bpmn'], await store());
    const parent = await s.engine.startProcessInstance({ key: 'callAllVariables', variables: vars({ calledKey: 'receiveTask', orderId: 42, x: 1 }) });
    const [sub] = await s.engine.events.correlate({ messageName: 'payment-42' });
    expect(sub!.resultType).toBe('Execution');
    expect(sub!.instance.instanceId).not.toBe(parent.instanceId);
    expect(sub!.instance.ended).toBe(true);
    expect(await s.openTaskKeys(parent.instanceId)).toEqual(['after']);
  });
});
