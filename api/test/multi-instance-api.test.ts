/** Multi-instance bodies through the REST API: the activity instance tree, statistics and history (Camunda 7 shapes). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../engine/test/support/scenario';
import { startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
let definitionId: string;
let instanceId: string;

beforeAll(async () => {
  s = await startTestServer('multi-instance-api');
  const deployed = await s.deploy({ 'multi-instance-sub-process.bpmn': fixture('multi-instance-sub-process.bpmn') });
  expect(deployed.status).toBe(200);
  definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0]!;
  const started = await s.call('POST', `/process-definition/${definitionId}/start`, { variables: { lines: { value: '["bolt","nut"]', type: 'Json' } } });
  expect(started.status).toBe(200);
  instanceId = started.body.id;
});
afterAll(async () => {
  await s?.close();
});

describe('multi-instance through the REST API', () => {
  it('the activity instance tree nests the inner instances under the body, as Camunda 7 does', async () => {
    const r = await s.call('GET', `/process-instance/${instanceId}/activity-instances`);
    expect(r.status).toBe(200);
    const [body] = r.body.childActivityInstances;
    expect(r.body.childActivityInstances).toHaveLength(1);
    expect(body).toMatchObject({ activityId: 'perLine#multiInstanceBody', activityType: 'multiInstanceBody', parentActivityInstanceId: instanceId });
    expect(body.childActivityInstances.map((c: any) => [c.activityId, c.activityType, c.parentActivityInstanceId])).toEqual([
      ['perLine', 'subProcess', body.id], ['perLine', 'subProcess', body.id],
    ]);
    for (const sub of body.childActivityInstances) {
      expect(sub.childActivityInstances.map((c: any) => [c.activityId, c.activityType, c.parentActivityInstanceId])).toEqual([['pick', 'userTask', sub.id]]);
    }
  });

  it('statistics count the body and the inner instances', async () => {
    const r = await s.call('GET', `/process-definition/${definitionId}/statistics`);
    expect(r.status).toBe(200);
    const counts = Object.fromEntries(r.body.map((a: any) => [a.id, a.instances]));
    expect(counts).toEqual({ 'perLine#multiInstanceBody': 1, perLine: 2, pick: 2 });
  });

  it('history lists the body as a multiInstanceBody activity instance', async () => {
    const r = await s.call('GET', `/history/activity-instance?processInstanceId=${instanceId}&sortBy=startTime&sortOrder=asc`);
    expect(r.status).toBe(200);
    const body = r.body.find((a: any) => a.activityId === 'perLine#multiInstanceBody');
    expect(body).toMatchObject({ activityType: 'multiInstanceBody', parentActivityInstanceId: instanceId });
    expect(r.body.filter((a: any) => a.activityId === 'perLine').map((a: any) => a.parentActivityInstanceId)).toEqual([body.id, body.id]);
  });

  it('the element variable is local to each inner instance', async () => {
    const tasks = (await s.call('GET', `/task?processInstanceId=${instanceId}`)).body;
    const values = await Promise.all(tasks.map(async (t: any) => (await s.call('GET', `/task/${t.id}/variables`)).body.line.value));
    expect(values.sort()).toEqual(['bolt', 'nut']);
  });
});
