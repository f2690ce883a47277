import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DelegateExecution } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { delegateScenario } from '../support/delegate-scenario';
import { vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('io_mappings');
});
afterAll(async () => {
  await db.drop();
});

describe('camunda:inputOutput', () => {
  it('maps text, expressions, nested lists and maps into local variables, and outputs back to the process', async () => {
    const seenLocal: Record<string, unknown>[] = [];
    const s = await delegateScenario(['io-mappings.bpmn'], {
      mapper: {
        describe(execution: DelegateExecution) {
          seenLocal.push({
            customer: execution.getVariableLocal('customer'), plain: execution.getVariableLocal('plain'), nothing: execution.getVariableLocal('nothing'),
            items: execution.getVariableLocal('items'), config: execution.getVariableLocal('config'), amountIsLocal: execution.getVariableLocal('amount'),
          });
          return `${String(execution.getVariable('customer'))} ordered ${String(execution.getVariable('amount'))}`;
        },
      },
    }, db.store);
    const r = await s.engine.startProcessInstance({ key: 'ioMappings', variables: vars({ firstName: 'Ada', lastName: 'Lovelace', amount: 21 }) });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1',
      'activity.started:build', 'activity.completed:build', 'flow.taken:f2', 'activity.started:review', 'task.created:review',
    ]);
    expect(seenLocal).toEqual([{
      customer: 'Ada Lovelace', plain: 'just text', nothing: null,
      items: ['first', 42, { nested: 'Ada' }], config: { retries: 3, tags: ['a', 'b'] }, amountIsLocal: null,
    }]);
    // Inputs stayed local to 'build' and left with it; outputs and the result variable reached the process.
    expect(await s.variables(r.instanceId)).toEqual({
      firstName: 'Ada', lastName: 'Lovelace', amount: 21, summary: 'Ada Lovelace ordered 21', greeting: 'Hello Ada Lovelace', itemCount: 3,
    });
    const task = await s.task(r.instanceId, 'review');
    expect(task.name).toBe('Review for Ada');
    const visible = await s.engine.visibleVariables(r.instanceId, task.id);
    expect(visible?.find((v) => v.name === 'note')?.value).toBe('for Ada');
    await s.engine.completeTask(task.id, vars({ approved: true }));
    expect(s.takeLog()).toEqual(['task.completed:review', 'activity.completed:review', 'flow.taken:f3', 'activity.started:archive', 'task.created:archive']);
    const after = await s.variables(r.instanceId);
    expect(after).toMatchObject({ decision: 'yes', approved: true });
    expect(after).not.toHaveProperty('note');
    expect((await s.engine.reads.instanceVariables(r.instanceId)).filter((v) => v.scopeId !== r.instanceId)).toEqual([]);
  });

  it('an output mapping that fails is an incident at the activity; the local scope stays until the retry re-enters the activity', async () => {
    const s = await delegateScenario(['io-mappings.bpmn'], { mapper: { describe: () => 'ok' } }, db.store);
    const r = await s.engine.startProcessInstance({ key: 'ioMappings', variables: vars({ firstName: 'Ada', lastName: 'L', amount: 1 }) });
    const task = await s.task(r.instanceId, 'review');
    await s.engine.completeTask(task.id);
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'review', errorCode: 'EXPRESSION_UNKNOWN_VARIABLE' });
    expect(incident!.message).toContain('approved');
    expect(await s.variables(r.instanceId)).not.toHaveProperty('decision');
    const local = (await s.engine.reads.instanceVariables(r.instanceId)).filter((v) => v.scopeId !== r.instanceId);
    expect(local.map((v) => [v.name, v.value])).toEqual([['note', 'for Ada']]);
    await s.engine.setVariables(r.instanceId, vars({ approved: false }));
    s.takeLog();
    await s.engine.incidents.retry(incident!.id);
    // The retry enters the user task again: a fresh local scope and a new task.
    expect(s.takeLog()).toEqual(['incident.resolved:review', 'activity.started:review', 'task.created:review']);
    await s.engine.completeTask((await s.task(r.instanceId, 'review')).id);
    expect(await s.variables(r.instanceId)).toMatchObject({ decision: 'no' });
    expect((await s.engine.reads.instanceVariables(r.instanceId)).filter((v) => v.scopeId !== r.instanceId)).toEqual([]);
  });

  it('an external task worker sees the input mappings and its result is mapped out (the connector pattern)', async () => {
    const s = await delegateScenario(['io-external.bpmn'], {}, db.store);
    const r = await s.engine.startProcessInstance({ key: 'ioExternal', variables: vars({ orderId: 'o-5' }) });
    const [locked] = await s.engine.externalTasks.fetchAndLock({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [{ topicName: 'http', lockDurationMs: 60_000 }] });
    expect(Object.fromEntries(locked!.variables.map((v) => [v.name, v.value]))).toEqual({ orderId: 'o-5', url: 'https://example.org/orders/o-5' });
    // localVariables (Camunda 7): only the task's own scope, here its input mapping.
    await s.engine.externalTasks.unlock(locked!.task.id);
    const [local] = await s.engine.externalTasks.fetchAndLock({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [{ topicName: 'http', lockDurationMs: 60_000, localVariables: true }] });
    expect(Object.fromEntries(local!.variables.map((v) => [v.name, v.value]))).toEqual({ url: 'https://example.org/orders/o-5' });
    await s.engine.externalTasks.complete(locked!.task.id, 'w', vars({ response: { status: 201 } }));
    // As in Camunda, `variables` of complete propagate (here to the instance); the output mapping
    // read it from the task's scope chain; the input `url` stayed local and left with the task.
    expect(await s.variables(r.instanceId)).toEqual({ orderId: 'o-5', response: { status: 201 }, status: 201 });
    expect((await s.engine.reads.instanceVariables(r.instanceId)).filter((v) => v.scopeId !== r.instanceId)).toEqual([]);
  });
});
