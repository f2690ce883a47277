import { describe, expect, it } from 'vitest';
import { vars } from '../support/scenario';
import { jobScenario } from '../support/job-scenario';

const topic = (topicName: string) => ({ topicName, lockDurationMs: 60_000 });

describe('external tasks', () => {
  it('creates a task on the evaluated topic, locks it for one worker, and completes with variables', async () => {
    const s = await jobScenario(['external-task.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'externalProcess', businessKey: 'o-1', variables: vars({ topic: 'charge', amount: 30 }) });
    expect(s.takeLog().slice(-2)).toEqual(['activity.started:charge', 'externalTask.created:charge']);
    const [locked] = await s.engine.externalTasks.fetchAndLock({ workerId: 'w1', maxTasks: 5, usePriority: true, topics: [{ ...topic('charge'), variables: ['amount'] }] });
    expect(locked!.task).toMatchObject({ topicName: 'charge', priority: 7, workerId: 'w1', businessKey: 'o-1', activityId: 'charge' });
    expect(locked!.variables.map((v) => [v.name, v.value])).toEqual([['amount', 30]]);
    expect(await s.engine.externalTasks.fetchAndLock({ workerId: 'w2', maxTasks: 5, usePriority: false, topics: [topic('charge')] })).toEqual([]);
    await expect(s.engine.externalTasks.complete(locked!.task.id, 'w2')).rejects.toMatchObject({ code: 'EXTERNAL_TASK_WRONG_WORKER' });
    await s.engine.externalTasks.complete(locked!.task.id, 'w1', vars({ paid: true }));
    expect(s.takeLog()).toContain('externalTask.created:notify');
    const [notify] = await s.engine.externalTasks.fetchAndLock({ workerId: 'w1', maxTasks: 1, usePriority: false, topics: [topic('notify')] });
    const done = await s.engine.externalTasks.complete(notify!.task.id, 'w1');
    expect(done.ended).toBe(true);
  });

  it('failure with retries re-offers the task after the timeout; 0 retries is an incident; an uncaught bpmnError ends the path', async () => {
    const s = await jobScenario(['external-task.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'externalProcess', variables: vars({ topic: 'charge' }) });
    const fetch = () => s.engine.externalTasks.fetchAndLock({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [topic('charge')] });
    const [first] = await fetch();
    await s.engine.externalTasks.failure(first!.task.id, 'w', { errorMessage: 'down', errorDetails: 'stack', retries: 1, retryTimeoutMs: 1000 });
    expect(await fetch()).toEqual([]);
    s.clock.advance(1001);
    const [second] = await fetch();
    expect(second!.task).toMatchObject({ retries: 1, errorMessage: 'down', errorDetails: 'stack' });
    await s.engine.externalTasks.failure(second!.task.id, 'w', { errorMessage: 'still down', errorDetails: null, retries: 0, retryTimeoutMs: 0 });
    const [incident] = await s.engine.reads.incidentsOfInstance(started.instanceId);
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', message: 'still down', configuration: second!.task.id });
    await s.engine.incidents.retry(incident!.id);
    const [third] = await fetch();
    // Nothing catches this error: the path ends as in Camunda 7 (see errors.test.ts), variables set first.
    const ended = await s.engine.externalTasks.bpmnError(third!.task.id, 'w', 'PAYMENT_REJECTED', 'card declined', vars({ reason: 'limit' }));
    expect(ended.ended).toBe(true);
    expect(await s.engine.reads.historicProcessInstance(started.instanceId)).toMatchObject({ state: 'COMPLETED' });
    expect(await fetch()).toEqual([]);
  });

  it('extendLock needs a live lock of the same worker; unlock frees the task', async () => {
    const s = await jobScenario(['external-task.bpmn']);
    await s.engine.startProcessInstance({ key: 'externalProcess', variables: vars({ topic: 'charge' }) });
    const [t] = await s.engine.externalTasks.fetchAndLock({ workerId: 'w', maxTasks: 1, usePriority: false, topics: [topic('charge')] });
    await s.engine.externalTasks.extendLock(t!.task.id, 'w', 120_000);
    await expect(s.engine.externalTasks.extendLock(t!.task.id, 'x', 1000)).rejects.toMatchObject({ code: 'EXTERNAL_TASK_WRONG_WORKER' });
    s.clock.advance(120_001);
    await expect(s.engine.externalTasks.extendLock(t!.task.id, 'w', 1000)).rejects.toMatchObject({ code: 'EXTERNAL_TASK_LOCK_EXPIRED' });
    await s.engine.externalTasks.lock(t!.task.id, 'x', 1000);
    await s.engine.externalTasks.unlock(t!.task.id);
    expect(await s.engine.reads.getExternalTask(t!.task.id)).toMatchObject({ workerId: null, lockExpiresAt: null });
  });
});
