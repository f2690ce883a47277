import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('call_activity');
  await s.deploy({ 'call-parent.bpmn': engineFixture('call-parent.bpmn'), 'call-child.bpmn': engineFixture('call-child.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

describe('call activity over REST', () => {
  it('lists called instances by superProcessInstance / subProcessInstance, in runtime and history, and continues the parent', async () => {
    const start = await s.call('POST', '/process-definition/key/callParent/start', { businessKey: 'order-1', variables: { amount: { value: 5, type: 'Integer' } } });
    expect(start.status).toBe(200);
    const parentId = start.body.id;
    const children = (await s.call('GET', `/process-instance?superProcessInstance=${parentId}`)).body;
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ businessKey: 'order-1-child', ended: false });
    const childId = children[0].id;
    expect((await s.call('GET', `/process-instance/count?superProcessInstance=${parentId}`)).body.count).toBe(1);
    expect((await s.call('GET', `/process-instance?subProcessInstance=${childId}`)).body.map((i: any) => i.id)).toEqual([parentId]);
    const roots = (await s.call('GET', '/process-instance?rootProcessInstances=true')).body.map((i: any) => i.id);
    expect(roots).toContain(parentId);
    expect(roots).not.toContain(childId);
    const leaves = (await s.call('GET', '/process-instance?leafProcessInstances=true')).body.map((i: any) => i.id);
    expect(leaves).toEqual([childId]);
    const history = (await s.call('GET', `/history/process-instance?superProcessInstanceId=${parentId}`)).body;
    expect(history).toMatchObject([{ id: childId, superProcessInstanceId: parentId, rootProcessInstanceId: parentId, state: 'ACTIVE' }]);
    expect((await s.call('GET', `/history/process-instance?subProcessInstanceId=${childId}`)).body.map((h: any) => h.id)).toEqual([parentId]);
    const calls = (await s.call('GET', `/history/activity-instance?processInstanceId=${parentId}&activityId=callChild`)).body;
    expect(calls).toMatchObject([{ activityType: 'callActivity', calledProcessInstanceId: childId }]);

    const [task] = (await s.call('GET', `/task?processInstanceId=${childId}`)).body;
    expect(task.taskDefinitionKey).toBe('childTask');
    expect((await s.call('POST', `/task/${task.id}/complete`, { variables: { result: { value: 'ok', type: 'String' } } })).status).toBe(204);
    expect((await s.call('GET', `/process-instance?superProcessInstance=${parentId}`)).body).toEqual([]);
    expect((await s.call('GET', `/task?processInstanceId=${parentId}`)).body.map((t: any) => t.taskDefinitionKey)).toEqual(['afterCall']);
    const vars = (await s.call('GET', `/process-instance/${parentId}/variables`)).body;
    expect(vars.childResult).toEqual({ value: 'ok', type: 'String', valueInfo: {} });
    expect((await s.call('GET', `/history/process-instance/${childId}`)).body).toMatchObject({ state: 'COMPLETED', superProcessInstanceId: parentId });
  });

  it('deleting the parent deletes the called instance', async () => {
    const parentId = (await s.call('POST', '/process-definition/key/callParent/start', { variables: { amount: { value: 1, type: 'Integer' } } })).body.id;
    const [child] = (await s.call('GET', `/process-instance?superProcessInstance=${parentId}`)).body;
    expect((await s.call('DELETE', `/process-instance/${parentId}`)).status).toBe(204);
    expect((await s.call('GET', `/process-instance/${child.id}`)).status).toBe(404);
    expect((await s.call('GET', `/history/process-instance/${child.id}`)).body.state).toBe('EXTERNALLY_TERMINATED');
  });
});
