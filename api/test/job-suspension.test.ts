import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;

beforeAll(async () => {
  s = await startTestServer('job-suspension');
  john = await s.createUser('john', ['sales']);
  await s.deploy({ 't.bpmn': engineFixture('timer-catch.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

describe('PUT /job/suspended (by job definition, instance, definition)', () => {
  it('suspends and activates every job selected, logging each change', async () => {
    const a = (await s.call('POST', '/process-definition/key/timerCatch/start', { variables: { delay: { value: 'PT1H' } } })).body;
    const b = (await s.call('POST', '/process-definition/key/timerCatch/start', { variables: { delay: { value: 'PT1H' } } })).body;
    const suspendedOf = async () => (await s.call('GET', '/job?sortBy=processInstanceId&sortOrder=asc')).body.map((j: { processInstanceId: string; suspended: boolean }) => [j.processInstanceId, j.suspended]);
    const sorted = [a.id, b.id].sort();

    expect((await s.call('PUT', '/job/suspended', { processDefinitionKey: 'timerCatch', suspended: true })).status).toBe(204);
    expect(await suspendedOf()).toEqual(sorted.map((id) => [id, true]));
    const [job] = (await s.call('GET', `/job?processInstanceId=${a.id}`)).body;
    expect((await s.call('PUT', '/job/suspended', { jobDefinitionId: job.jobDefinitionId, suspended: false })).status).toBe(204);
    expect(await suspendedOf()).toEqual(sorted.map((id) => [id, false]));
    expect((await s.call('PUT', '/job/suspended', { processInstanceId: b.id, suspended: true })).status).toBe(204);
    expect(await suspendedOf()).toEqual(sorted.map((id) => [id, id === b.id]));
    expect((await s.call('PUT', '/job/suspended', { jobDefinitionId: 'no-such-job-definition', suspended: true })).status).toBe(204);
    expect(await suspendedOf()).toEqual(sorted.map((id) => [id, id === b.id]));

    const log = (await s.call('GET', '/history/user-operation?entityType=Job&sortBy=timestamp&sortOrder=asc')).body;
    expect(log.map((e: Record<string, string>) => [e.operationType, e.newValue])).toEqual([
      ['SuspendJob', 'suspended'], ['SuspendJob', 'suspended'], ['ActivateJob', 'active'], ['ActivateJob', 'active'], ['SuspendJob', 'suspended'],
    ]);
  });

  it('answers 400 without exactly one selector or a boolean, 403 without UPDATE_INSTANCE', async () => {
    expect((await s.call('PUT', '/job/suspended', { suspended: true })).status).toBe(400);
    expect((await s.call('PUT', '/job/suspended', { processDefinitionKey: 'timerCatch', processInstanceId: 'x', suspended: true })).status).toBe(400);
    expect((await s.call('PUT', '/job/suspended', { processDefinitionKey: 'timerCatch', suspended: 'yes' })).status).toBe(400);
    const before = (await s.call('GET', '/job?suspended=true')).body.length;
    expect((await s.call('PUT', '/job/suspended', { processDefinitionKey: 'timerCatch', suspended: true }, john)).status).toBe(403);
    expect((await s.call('GET', '/job?suspended=true')).body.length).toBe(before);
  });
});
