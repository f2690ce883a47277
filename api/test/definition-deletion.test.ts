import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;

beforeAll(async () => {
  s = await startTestServer('definition_deletion');
  john = await s.createUser('john', ['sales']);
});
afterAll(async () => {
  await s?.close();
});

const deployVersion = async () => (await s.deploy({ 'start.bpmn': engineFixture('message-start.bpmn') })).body.deployedProcessDefinitions as Record<string, { id: string; version: number }>;

describe('DELETE /process-definition/{id} and /key/{key}', () => {
  it('refuses running instances without cascade; with cascade deletes them and hands the start events back to the previous version', async () => {
    const [v1] = Object.values(await deployVersion());
    const [v2] = Object.values(await deployVersion());
    expect(v2!.version).toBe(2);
    const started = (await s.call('POST', '/message', { messageName: 'orderPlaced', resultEnabled: true })).body[0].processInstance;
    expect(started.definitionId).toBe(v2!.id);
    expect((await s.call('DELETE', `/process-definition/${v2!.id}`, undefined, john)).status).toBe(403);
    expect((await s.call('DELETE', `/process-definition/${v2!.id}`)).status).toBe(400);
    expect((await s.call('DELETE', `/process-definition/${v2!.id}?cascade=true`)).status).toBe(204);
    expect((await s.call('GET', `/process-definition/${v2!.id}`)).status).toBe(404);
    expect((await s.call('GET', `/history/process-instance/${started.id}`)).status).toBe(404);
    // The message start event of version 1 is subscribed again.
    const again = (await s.call('POST', '/message', { messageName: 'orderPlaced', resultEnabled: true })).body[0].processInstance;
    expect(again.definitionId).toBe(v1!.id);
    expect((await s.call('GET', '/event-subscription?eventName=orderPlaced&eventType=message')).body.filter((e: any) => e.processInstanceId === null)).toHaveLength(1);
  });

  it('deletes every version of a key; then nothing is subscribed and the key is unknown', async () => {
    expect((await s.call('DELETE', '/process-definition/key/messageStart?cascade=true')).status).toBe(204);
    expect((await s.call('GET', '/process-definition/key/messageStart')).status).toBe(404);
    expect((await s.call('POST', '/message', { messageName: 'orderPlaced' })).status).toBe(400);
    expect((await s.call('DELETE', '/process-definition/key/messageStart')).status).toBe(404);
    expect((await s.call('DELETE', '/process-definition/nope')).status).toBe(404);
  });
});
