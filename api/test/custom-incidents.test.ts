import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;

beforeAll(async () => {
  s = await startTestServer('custom-incidents');
  john = await s.createUser('john', ['sales']);
  await s.deploy({ 'u.bpmn': engineFixture('user-task.bpmn'), 'n.bpmn': engineFixture('exclusive-no-default.bpmn'), 'p.bpmn': engineFixture('parallel-gateway.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

async function tokenOfNewInstance() {
  const { body: started } = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'john' }, prio: { value: 1 } } });
  const executions = (await s.call('GET', `/execution?processInstanceId=${started.id}`)).body as Array<{ id: string }>;
  return { instanceId: started.id as string, tokenId: executions.find((e) => e.id !== started.id)!.id };
}

describe('custom incidents (create-incident, DELETE /incident/{id})', () => {
  it('creates an incident at an execution, lists it, resolves it; the token goes on meanwhile; both are logged', async () => {
    const { instanceId, tokenId } = await tokenOfNewInstance();
    const created = await s.call('POST', `/execution/${tokenId}/create-incident`, { incidentType: 'waitingForPartner', configuration: 'partner-42', message: 'partner system down' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ incidentType: 'waitingForPartner', configuration: 'partner-42', incidentMessage: 'partner system down', executionId: tokenId, activityId: 'review', processInstanceId: instanceId });
    expect((await s.call('GET', `/incident?processInstanceId=${instanceId}`)).body.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    expect((await s.call('DELETE', `/incident/${created.body.id}`)).status).toBe(204);
    expect((await s.call('GET', `/incident?processInstanceId=${instanceId}`)).body).toEqual([]);
    const log = (await s.call('GET', `/history/user-operation?processInstanceId=${instanceId}&entityType=ProcessInstance&sortBy=timestamp&sortOrder=asc`)).body;
    expect(log.map((e: Record<string, string>) => [e.operationType, e.property, e.newValue])).toEqual([
      ['Create', null, null], ['CreateIncident', 'incidentType', 'waitingForPartner'], ['CreateIncident', 'configuration', 'partner-42'], ['Resolve', 'incidentId', created.body.id],
    ]);
  });

  it('ends a custom incident with its execution (the token moves on), while the instance goes on', async () => {
    const { body: started } = await s.call('POST', '/process-definition/key/parallel/start', {});
    const tasks = (await s.call('GET', `/task?processInstanceId=${started.id}&sortBy=name&sortOrder=asc`)).body as Array<{ id: string; executionId: string; taskDefinitionKey: string }>;
    const a = tasks.find((t) => t.taskDefinitionKey === 'taskA')!;
    const b = tasks.find((t) => t.taskDefinitionKey === 'taskB')!;
    expect((await s.call('POST', `/execution/${a.executionId}/create-incident`, { incidentType: 'custom' })).status).toBe(200);
    const onB = (await s.call('POST', `/execution/${b.executionId}/create-incident`, { incidentType: 'custom' })).body;
    expect((await s.call('POST', `/task/${a.id}/complete`, {})).status).toBe(204);
    expect((await s.call('GET', `/process-instance/${started.id}`)).status).toBe(200);
    expect((await s.call('GET', `/incident?processInstanceId=${started.id}`)).body.map((i: { id: string }) => i.id)).toEqual([onB.id]);
  });

  it('refuses to resolve the engine’s own incidents (retry them) and to create them by hand', async () => {
    const { body: failing } = await s.call('POST', '/process-definition/key/exclusiveNoDefault/start', { variables: { amount: { value: 5 } } });
    const [incident] = (await s.call('GET', `/incident?processInstanceId=${failing.id}`)).body;
    const refused = await s.call('DELETE', `/incident/${incident.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('retry it instead');
    const { tokenId } = await tokenOfNewInstance();
    expect((await s.call('POST', `/execution/${tokenId}/create-incident`, { incidentType: 'failedJob' })).status).toBe(400);
  });

  it('answers 400, 403 and 404', async () => {
    const { instanceId, tokenId } = await tokenOfNewInstance();
    expect((await s.call('POST', `/execution/${tokenId}/create-incident`, { message: 'no type' })).status).toBe(400);
    expect((await s.call('POST', `/execution/${tokenId}/create-incident`, { incidentType: 'x' }, john)).status).toBe(403);
    expect((await s.call('POST', `/execution/${instanceId}/create-incident`, { incidentType: 'x' })).status).toBe(404);
    expect((await s.call('POST', '/execution/no-such-execution/create-incident', { incidentType: 'x' })).status).toBe(404);
    const { body: created } = await s.call('POST', `/execution/${tokenId}/create-incident`, { incidentType: 'x' });
    // john may not read the instance: the incident does not exist for him.
    expect((await s.call('DELETE', `/incident/${created.id}`, undefined, john)).status).toBe(404);
    expect((await s.call('DELETE', '/incident/no-such-incident')).status).toBe(404);
    expect((await s.call('GET', `/incident/${created.id}`)).status).toBe(200);
  });
});
