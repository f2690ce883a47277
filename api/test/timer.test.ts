/**
 * Timers against the real job executor with short durations, and the race between a
 * boundary timer and the completion of its task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor, variablesFromWire, type EngineEvent } from '@baton/engine';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
let executor: JobExecutor;

beforeAll(async () => {
  s = await startTestServer('timers');
  const deployed = await s.deploy({ 'c.bpmn': engineFixture('timer-catch.bpmn'), 'r.bpmn': engineFixture('timer-race.bpmn') });
  expect(deployed.status).toBe(200);
  executor = new JobExecutor(s.engine.jobs, s.db.store.jobs, { idleMinMs: 20, idleMaxMs: 2000 });
  await executor.start();
});

afterAll(async () => {
  await executor?.stop(2000);
  await s?.close();
});

function nextEvent(match: (e: EngineEvent) => boolean): Promise<EngineEvent> {
  return new Promise((resolve) => {
    const off = s.engine.onEvents((events) => {
      const e = events.find(match);
      if (e) {
        off();
        resolve(e);
      }
    });
  });
}

describe('timers with the real job executor', () => {
  it('an intermediate timer fires after its duration (woken by the due date, not by polling)', async () => {
    const t0 = Date.now();
    const started = await s.engine.startProcessInstance({ key: 'timerCatch', variables: variablesFromWire({ delay: { value: 'PT0.3S' } }) });
    const [job] = (await s.call('GET', `/job?processInstanceId=${started.instanceId}&timers=true`)).body as any[];
    expect(job).toMatchObject({ retries: 3 });
    await nextEvent((e) => e.instanceId === started.instanceId && e.type === 'process.completed');
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000); // idle backoff is 2 s: the executor slept until the due date
  });

  it('timer start events start instances on their cycle (R2) and stop', async () => {
    const xml = engineFixture('timer-start.bpmn').replace('R3/PT1H', 'R2/PT0.2S').replace('timerStart"', 'fastTimerStart"');
    const created: string[] = [];
    const off = s.engine.onEvents((events) => {
      for (const e of events) if (e.type === 'task.created' && e.elementId === 'check') created.push(e.instanceId);
    });
    const two = new Promise<void>((resolve) => {
      const stop = s.engine.onEvents(() => {
        if (created.length >= 2) {
          stop();
          resolve();
        }
      });
    });
    expect((await s.deploy({ 'fast.bpmn': xml })).status).toBe(200);
    await two;
    off();
    expect((await s.call('GET', '/job/count?processDefinitionKey=fastTimerStart')).body).toEqual({ count: 0 });
  });

  it('a boundary timer firing while its user task is completed: exactly one path wins', async () => {
    await executor.stop(2000);
    try {
      const winners: string[] = [];
      for (let round = 0; round < 8; round++) {
        const started = await s.engine.startProcessInstance({ key: 'timerRace', variables: variablesFromWire({ wait: { value: 'PT1H' } }) });
        const [task] = (await s.call('GET', `/task?processInstanceId=${started.instanceId}`)).body as any[];
        const [job] = (await s.call('GET', `/job?processInstanceId=${started.instanceId}`)).body as any[];
        const [fired, completed] = await Promise.all([s.call('POST', `/job/${job.id}/execute`), s.call('POST', `/task/${task.id}/complete`, {})]);
        expect([fired.status, completed.status].sort()).toEqual([204, 404]);
        const history = await s.engine.reads.historicActivityInstances(started.instanceId);
        const ends = history.filter((a) => a.activityId === 'approved' || a.activityId === 'expired').map((a) => a.activityId);
        expect(ends).toEqual([fired.status === 204 ? 'expired' : 'approved']);
        expect(await s.engine.reads.getInstance(started.instanceId)).toBeNull();
        winners.push(ends[0]!);
      }
      expect(winners).toHaveLength(8);
    } finally {
      await executor.start();
    }
  });
});
