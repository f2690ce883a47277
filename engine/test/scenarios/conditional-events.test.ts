import { describe, expect, it } from 'vitest';
import { scenario, vars } from '../support/scenario';
import { storeKinds } from '../support/store-kinds';

const STORES = storeKinds('conditional_events');

describe.each(STORES)('conditional events (%s)', (_kind, store) => {
  it('a catch event passes when its condition holds, else waits for a change of the named variable', async () => {
    const s = await scenario(['conditional-events.bpmn'], await store());
    const ready = await s.engine.startProcessInstance({ key: 'conditionalCatch', variables: vars({ stock: 20, price: 1 }) });
    expect(await s.openTaskKeys(ready.instanceId)).toEqual(['ship']);
    const a = await s.engine.startProcessInstance({ key: 'conditionalCatch', variables: vars({ stock: 5, price: 1 }) });
    s.takeLog();
    // Another variable changes: not evaluated (camunda:variableName="stock").
    await s.engine.setVariables(a.instanceId, vars({ note: 'x' }));
    await s.engine.setVariables(a.instanceId, vars({ stock: 8 }));
    expect(s.takeLog()).toEqual([]);
    await s.engine.setVariables(a.instanceId, vars({ stock: 11 }));
    expect(s.takeLog()).toEqual([
      'activity.completed:waitStock', 'flow.taken:f2', 'activity.started:ship', 'task.created:ship',
    ]);
  });

  it('a non-interrupting conditional boundary event fires on each matching update; an interrupting one cancels the task', async () => {
    const s = await scenario(['conditional-events.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'conditionalCatch', variables: vars({ stock: 20, price: 1 }) });
    s.takeLog();
    // variableEvents="update": creating another variable does not count; updating price above 100 does, each time.
    await s.engine.setVariables(a.instanceId, vars({ price: 150 }));
    expect(s.takeLog()).toEqual([
      'activity.started:priceChanged', 'activity.completed:priceChanged', 'flow.taken:f4', 'activity.started:recheck', 'task.created:recheck',
    ]);
    await s.engine.setVariables(a.instanceId, vars({ price: 160 }));
    expect(await s.openTaskKeys(a.instanceId)).toEqual(['recheck', 'recheck', 'ship']);
    // Completing a task with variables is a change as well.
    const recheck = (await s.engine.reads.findTasks({ processInstanceId: a.instanceId, taskDefinitionKey: 'recheck' }))[0]!;
    await s.engine.completeTask(recheck.id, vars({ cancel: true }));
    expect(await s.openTaskKeys(a.instanceId)).toEqual(['recheck']);
    expect((await s.engine.reads.historicActivityInstances(a.instanceId)).filter((h) => h.activityId === 'ship')[0]).toMatchObject({ canceled: true });
  });

  it('a conditional event sub-process starts when the condition becomes true, and at scope start when it already is', async () => {
    const s = await scenario(['conditional-events.bpmn'], await store());
    const a = await s.engine.startProcessInstance({ key: 'conditionalSubProcess', variables: vars({ fraudScore: 10 }) });
    expect(await s.openTaskKeys(a.instanceId)).toEqual(['work']);
    s.takeLog();
    await s.engine.setVariables(a.instanceId, vars({ fraudScore: 95 }));
    expect(s.takeLog()).toEqual([
      'task.deleted:work', 'activity.terminated:work', 'activity.started:onFraud', 'activity.started:fraudStart', 'activity.completed:fraudStart',
      'flow.taken:x1', 'activity.started:investigate', 'task.created:investigate',
    ]);
    const b = await s.engine.startProcessInstance({ key: 'conditionalSubProcess', variables: vars({ fraudScore: 99 }) });
    expect(await s.openTaskKeys(b.instanceId)).toEqual(['investigate']);
  });
});
