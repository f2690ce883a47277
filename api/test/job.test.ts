/**
 * Jobs through the real job executor and the REST API: async continuations, the retry cycle
 * into an incident and back, REST operations on jobs, incident retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor, variablesFromWire, type EngineEvent } from '@baton/engine';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
let executor: JobExecutor;

beforeAll(async () => {
  s = await startTestServer('jobs');
  const deployed = await s.deploy({ 'a.bpmn': engineFixture('async-continuation.bpmn'), 'f.bpmn': engineFixture('failing-async.bpmn') });
  expect(deployed.status).toBe(200);
  executor = new JobExecutor(s.engine.jobs, s.db.store.jobs, { idleMinMs: 20, idleMaxMs: 200 });
  await executor.start();
});

afterAll(async () => {
  await executor?.stop(2000);
  await s?.close();
});

/** Resolves with the first committed event of `instanceId` matching `type` (and element). */
function eventOf(instanceId: string, type: EngineEvent['type'], elementId?: string): Promise<EngineEvent> {
  return new Promise((resolve) => {
    const off = s.engine.onEvents((events) => {
      const e = events.find((x) => x.instanceId === instanceId && x.type === type && (!elementId || x.elementId === elementId));
      if (e) {
        off();
        resolve(e);
      }
    });
  });
}

describe('job executor', () => {
  it('runs async-before and async-after continuations to the end', async () => {
    const started = await s.engine.startProcessInstance({ key: 'asyncProcess' });
    const done = eventOf(started.instanceId, 'process.completed');
    await done;
    const history = await s.engine.reads.historicActivityInstances(started.instanceId);
    expect(history.map((a) => a.activityId)).toEqual(['start', 'work', 'end']);
    expect((await s.call('GET', `/job/count?processInstanceId=${started.instanceId}`)).body).toEqual({ count: 0 });
  });

  it('a failing job walks its retry cycle into an incident; fixing the variable and PUT /job/{id}/retries resumes it', async () => {
    const variables = variablesFromWire({ cycle: { value: 'R3/PT0.1S', type: 'String' } });
    const started = await s.engine.startProcessInstance({ key: 'failingAsync', variables });
    const incidentCreated = eventOf(started.instanceId, 'incident.created', 'review');
    await incidentCreated;
    const [job] = (await s.call('GET', `/job?processInstanceId=${started.instanceId}`)).body as any[];
    expect(job).toMatchObject({ retries: 0, failedActivityId: 'review', processDefinitionKey: 'failingAsync', suspended: false });
    expect(job.exceptionMessage).toContain('reviewer');
    const stack = await fetch(`${s.base}/job/${job.id}/stacktrace`, { headers: { Authorization: `Basic ${Buffer.from('admin:admin-secret').toString('base64')}` } });
    expect(await stack.text()).toContain('reviewer');
    const [incident] = (await s.call('GET', `/incident?processInstanceId=${started.instanceId}`)).body as any[];
    expect(incident).toMatchObject({ incidentType: 'failedJob', activityId: 'review', configuration: job.id });
    expect((await s.call('GET', '/job/count?noRetriesLeft=true&withException=true')).body.count).toBeGreaterThanOrEqual(1);

    await s.engine.setVariables(started.instanceId, variablesFromWire({ reviewer: { value: 'mary', type: 'String' } }));
    const taskCreated = eventOf(started.instanceId, 'task.created', 'review');
    expect((await s.call('PUT', `/job/${job.id}/retries`, { retries: 1 })).status).toBe(204);
    await taskCreated;
    expect((await s.call('GET', `/incident?processInstanceId=${started.instanceId}`)).body).toEqual([]);
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.instanceId}`)).body as any[];
    expect(task.assignee).toBe('mary');
  });

  it('REST job operations: get, suspend, due date, priority, execute; 404 for unknown jobs', async () => {
    await executor.stop(2000);
    try {
      const started = await s.engine.startProcessInstance({ key: 'asyncProcess' });
      const [job] = (await s.call('GET', `/job?processInstanceId=${started.instanceId}&messages=true`)).body as any[];
      expect((await s.call('GET', `/job/${job.id}`)).body).toMatchObject({ id: job.id, retries: 3, processInstanceId: started.instanceId });
      expect((await s.call('PUT', `/job/${job.id}/suspended`, { suspended: true })).status).toBe(204);
      expect((await s.call('GET', `/job/count?suspended=true&processInstanceId=${started.instanceId}`)).body.count).toBe(1);
      expect((await s.call('PUT', `/job/${job.id}/suspended`, { suspended: false })).status).toBe(204);
      expect((await s.call('PUT', `/job/${job.id}/duedate`, { duedate: '2031-01-01T00:00:00.000+0000' })).status).toBe(204);
      expect((await s.call('PUT', `/job/${job.id}/priority`, { priority: 9 })).status).toBe(204);
      expect((await s.call('GET', `/job/${job.id}`)).body).toMatchObject({ dueDate: '2031-01-01T00:00:00.000+0000', priority: 9 });
      expect((await s.call('POST', `/job/${job.id}/execute`)).status).toBe(204);
      const [after] = (await s.call('GET', `/job?processInstanceId=${started.instanceId}`)).body as any[];
      expect(after.id).not.toBe(job.id); // the async-after job
      expect((await s.call('GET', '/job/nope')).status).toBe(404);
      expect((await s.call('PUT', '/job/nope/retries', { retries: 1 })).status).toBe(404);
      const defs = (await s.call('GET', '/job-definition?processDefinitionKey=asyncProcess')).body as any[];
      expect(defs.map((d) => d.jobConfiguration).sort()).toEqual(['async-after', 'async-before']);
      expect(defs.map((d) => d.id)).toContain(after.jobDefinitionId);
      // The derived job definition id filters in SQL as it is computed in the DTO.
      const byDefinition = (await s.call('GET', `/job?jobDefinitionId=${after.jobDefinitionId}`)).body as any[];
      expect(byDefinition.map((j) => j.id)).toEqual([after.id]);
      expect((await s.call('GET', '/job/count?jobDefinitionId=nope')).body.count).toBe(0);
      expect((await s.call('GET', `/job/count?withoutTenantId=true&processInstanceId=${started.instanceId}`)).body.count).toBe(1);
    } finally {
      await executor.start();
    }
  });

  it('POST /incident/{id}/retry re-runs a failedExecution step after the cause is fixed', async () => {
    await s.deploy({ 'u.bpmn': engineFixture('user-task.bpmn') });
    const started = await s.engine.startProcessInstance({ key: 'userTaskProcess', variables: variablesFromWire({ subject: { value: 'x' }, prio: { value: 1 } }) });
    const [incident] = (await s.call('GET', `/incident?processInstanceId=${started.instanceId}`)).body as any[];
    expect(incident.incidentType).toBe('failedExecution');
    await s.engine.setVariables(started.instanceId, variablesFromWire({ reviewer: { value: 'john' } }));
    const retried = await s.call('POST', `/incident/${incident.id}/retry`);
    expect(retried.body).toBeNull();
    expect(retried.status).toBe(204);
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.instanceId}`)).body as any[];
    expect(task.assignee).toBe('john');
    expect((await s.call('POST', `/incident/${incident.id}/retry`)).status).toBe(404);
  });
});
