import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer('job_due_date');
  await s.deploy({ 't.bpmn': engineFixture('timer-boundary.bpmn'), 'a.bpmn': engineFixture('async-continuation.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

describe('POST /job/{id}/duedate/recalculate', () => {
  it('recomputes a timer job from its definition, from now or from its creation; other jobs are refused', async () => {
    const id = (await s.call('POST', '/process-definition/key/timerBoundary/start', {})).body.id;
    const [timeout] = (await s.call('GET', `/job?processInstanceId=${id}&activityId=timeout`)).body;
    const created = Date.parse(timeout.createTime);
    expect((await s.call('PUT', `/job/${timeout.id}/duedate`, { duedate: '2099-01-01T00:00:00.000+0000' })).status).toBe(204);
    const before = Date.now();
    expect((await s.call('POST', `/job/${timeout.id}/duedate/recalculate`)).status).toBe(204);
    const fromNow = Date.parse((await s.call('GET', `/job/${timeout.id}`)).body.dueDate);
    expect(fromNow - before).toBeGreaterThanOrEqual(3_600_000 - 2_000);
    expect(fromNow - before).toBeLessThan(3_600_000 + 60_000);
    expect((await s.call('POST', `/job/${timeout.id}/duedate/recalculate?creationDateBased=true`)).status).toBe(204);
    expect(Date.parse((await s.call('GET', `/job/${timeout.id}`)).body.dueDate)).toBe(created + 3_600_000);

    const asyncId = (await s.call('POST', '/process-definition/key/asyncProcess/start', {})).body.id;
    const [continuation] = (await s.call('GET', `/job?processInstanceId=${asyncId}`)).body;
    expect((await s.call('POST', `/job/${continuation.id}/duedate/recalculate`)).status).toBe(400);
    expect((await s.call('POST', '/job/nope/duedate/recalculate')).status).toBe(404);
  });
});
