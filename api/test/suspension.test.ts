import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;
let definitionId: string;

beforeAll(async () => {
  s = await startTestServer('suspension');
  john = await s.createUser('john', ['sales']);
  const dep = await s.deploy({ 'p.bpmn': engineFixture('parallel-gateway.bpmn') });
  definitionId = Object.keys(dep.body.deployedProcessDefinitions)[0]!;
});
afterAll(async () => {
  await s?.close();
});

describe('suspension', () => {
  it('a suspended instance keeps its tasks but nobody can work on them until it is activated', async () => {
    const { body: started } = await s.call('POST', '/process-definition/key/parallel/start', {});
    expect((await s.call('PUT', `/process-instance/${started.id}/suspended`, { suspended: true }, john)).status).toBe(403);
    expect((await s.call('PUT', `/process-instance/${started.id}/suspended`, { suspended: true })).status).toBe(204);
    expect((await s.call('GET', `/process-instance/${started.id}`)).body.suspended).toBe(true);
    expect((await s.call('GET', `/history/process-instance/${started.id}`)).body.state).toBe('SUSPENDED');
    const tasks = (await s.call('GET', `/task?processInstanceId=${started.id}`)).body;
    expect(tasks.every((t: any) => t.suspended)).toBe(true);
    expect((await s.call('GET', `/task?processInstanceId=${started.id}&active=true`)).body).toEqual([]);
    expect((await s.call('POST', `/task/${tasks[0].id}/complete`, {})).status).toBe(409);
    expect((await s.call('PUT', `/process-instance/suspended`, { processInstanceIds: [started.id], suspended: false })).status).toBe(204);
    expect((await s.call('GET', `/history/process-instance/${started.id}`)).body.state).toBe('ACTIVE');
    expect((await s.call('POST', `/task/${tasks[0].id}/complete`, {})).status).toBe(204);
  });

  it('a suspended definition starts no instances; with includeProcessInstances its instances are suspended too', async () => {
    const { body: running } = await s.call('POST', '/process-definition/key/parallel/start', {});
    expect((await s.call('PUT', `/process-definition/${definitionId}/suspended`, { suspended: true, includeProcessInstances: true })).status).toBe(204);
    expect((await s.call('GET', `/process-definition/${definitionId}`)).body.suspended).toBe(true);
    expect((await s.call('GET', `/process-definition?suspended=true`)).body.map((d: any) => d.id)).toEqual([definitionId]);
    const refused = await s.call('POST', '/process-definition/key/parallel/start', {});
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('suspended');
    expect((await s.call('GET', `/process-instance/${running.id}`)).body.suspended).toBe(true);
    expect((await s.call('PUT', '/process-definition/key/parallel/suspended', { suspended: false, includeProcessInstances: true })).status).toBe(204);
    expect((await s.call('POST', '/process-definition/key/parallel/start', {})).status).toBe(200);
    expect((await s.call('GET', `/process-instance/${running.id}`)).body.suspended).toBe(false);
    expect((await s.call('PUT', '/process-definition/suspended', { suspended: true })).status).toBe(400);
    expect((await s.call('PUT', '/process-definition/suspended', { processDefinitionKey: 'parallel', suspended: 'yes' })).status).toBe(400);
  });
});

describe('incident annotations, group queries, unlocking users', () => {
  it('annotates an incident and clears the annotation', async () => {
    await s.deploy({ 'n.bpmn': engineFixture('exclusive-no-default.bpmn') });
    const { body: started } = await s.call('POST', '/process-definition/key/exclusiveNoDefault/start', { variables: { amount: { value: 5 } } });
    const [incident] = (await s.call('GET', `/incident?processInstanceId=${started.id}`)).body;
    // john may not read the instance, so its incidents do not exist for him.
    expect((await s.call('PUT', `/incident/${incident.id}/annotation`, { annotation: 'waiting for finance' }, john)).status).toBe(404);
    expect((await s.call('PUT', `/incident/${incident.id}/annotation`, { annotation: 'waiting for finance' })).status).toBe(204);
    expect((await s.call('GET', `/incident/${incident.id}`)).body.annotation).toBe('waiting for finance');
    expect((await s.call('DELETE', `/incident/${incident.id}/annotation`)).status).toBe(204);
    expect((await s.call('GET', `/incident/${incident.id}`)).body.annotation).toBeNull();
  });

  it('queries groups by POST and unlocks a throttled user', async () => {
    expect((await s.call('POST', '/group', { id: 'sales' })).body).toMatchObject([{ id: 'sales' }]);
    expect((await s.call('POST', '/group/count', { member: 'john' })).body).toEqual({ count: 1 });
    for (let i = 0; i < 5; i++) await s.call('GET', '/task', undefined, { user: 'john', password: `wrong-${i}` });
    expect((await s.call('GET', '/task', undefined, john)).status).toBe(429);
    expect((await s.call('POST', '/user/john/unlock', undefined, john)).status).not.toBe(204);
    expect((await s.call('POST', '/user/john/unlock')).status).toBe(204);
    expect((await s.call('GET', '/task', undefined, john)).status).toBe(200);
  });
});
