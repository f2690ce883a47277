import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('walkthrough');
});
afterAll(async () => {
  await s?.close();
});

describe('deploy → start → tasks → complete → history, over HTTP', () => {
  it('answers the liveness check with exactly application/json', async () => {
    const r = await s.call('GET', '/engine');
    expect(r.status).toBe(200);
    expect(r.body).toEqual([{ name: 'default' }]);
    expect(r.headers.get('content-type')).toBe('application/json');
  });

  it('runs an approval end to end', async () => {
    const dep = await s.deploy({ 'exclusive-gateway.bpmn': engineFixture('exclusive-gateway.bpmn') }, { 'deployment-name': 'walk' });
    expect(dep.status).toBe(200);
    const defs = Object.values(dep.body.deployedProcessDefinitions) as any[];
    expect(defs).toMatchObject([{ key: 'exclusive', version: 1, resource: 'exclusive-gateway.bpmn', deploymentId: dep.body.id }]);

    const started = await s.call('POST', '/process-definition/key/exclusive/start', {
      businessKey: 'invoice-42', variables: { amount: { value: 5000, type: 'integer' }, note: { value: 'hi', type: 'String' } },
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ businessKey: 'invoice-42', ended: false, suspended: false, definitionId: defs[0].id });
    const id = started.body.id as string;

    const byInstance = await s.call('GET', `/task?processInstanceId=${id}`);
    expect(byInstance.body).toHaveLength(1);
    const byGroup = await s.call('GET', '/task?candidateGroup=management');
    expect(byGroup.body.map((t: any) => t.id)).toContain(byInstance.body[0].id);
    expect((await s.call('GET', '/task?candidateGroup=nobody')).body).toEqual([]);
    const task = byInstance.body[0];
    expect(task).toMatchObject({ taskDefinitionKey: 'approve', processInstanceId: id, assignee: null });

    expect((await s.call('GET', `/process-instance/${id}`)).body).toMatchObject({ id, ended: false });
    expect((await s.call('GET', `/process-instance/${id}/variables`)).body).toEqual({
      amount: { value: 5000, type: 'Integer', valueInfo: {} }, note: { value: 'hi', type: 'String', valueInfo: {} },
    });

    const claimed = await s.call('POST', `/task/${task.id}/claim`, { userId: 'demo' });
    expect(claimed.status).toBe(204);
    expect((await s.call('GET', '/task?assignee=demo')).body.map((t: any) => t.id)).toEqual([task.id]);
    // As in Camunda 7, candidate queries leave a claimed task out unless includeAssignedTasks.
    const ids = async (query: string) => ((await s.call('GET', `/task?processInstanceId=${id}&${query}`)).body as any[]).map((t) => t.id);
    for (const query of ['candidateGroup=management', 'candidateGroups=management,sales', 'withCandidateGroups=true']) {
      expect(await ids(query)).toEqual([]);
      expect(await ids(`${query}&includeAssignedTasks=true`)).toEqual([task.id]);
    }
    expect((await s.call('POST', '/task/count', { processInstanceId: id, candidateGroup: 'management', includeAssignedTasks: true })).body).toEqual({ count: 1 });
    expect((await s.call('POST', '/task/count', { processInstanceId: id, candidateGroup: 'management' })).body).toEqual({ count: 0 });

    const done = await s.call('POST', `/task/${task.id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } });
    expect(done.status).toBe(204);
    expect((await s.call('GET', `/process-instance/${id}`)).status).toBe(404);
    const history = await s.call('GET', `/history/process-instance/${id}`);
    expect(history.body).toMatchObject({ id, state: 'COMPLETED', businessKey: 'invoice-42', processDefinitionKey: 'exclusive' });
    expect(history.body.endTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    const activities = await s.call('GET', `/history/activity-instance?processInstanceId=${id}&sortBy=occurrence&sortOrder=asc`);
    expect(activities.body.map((a: any) => a.activityId)).toEqual(['start', 'xor', 'approve', 'end']);
    const tasks = await s.call('GET', `/history/task?processInstanceId=${id}`);
    expect(tasks.body).toMatchObject([{ taskDefinitionKey: 'approve', assignee: 'demo', deleteReason: 'completed' }]);
    const vars = await s.call('GET', `/history/variable-instance?processInstanceId=${id}&sortBy=variableName&sortOrder=asc`);
    expect(vars.body.map((v: any) => [v.name, v.value])).toEqual([['amount', 5000], ['approved', true], ['note', 'hi']]);
  });

  it('answers 404 for unknown tasks and for completing a completed task, with a clear message', async () => {
    const unknown = await s.call('POST', '/task/does-not-exist/complete', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ type: 'InvalidRequestException' });
    expect(unknown.body.message).toContain('does-not-exist');
    expect((await s.call('GET', '/task/does-not-exist')).status).toBe(404);

    const started = await s.call('POST', '/process-definition/key/exclusive/start', { variables: { amount: { value: 2000, type: 'Integer' } } });
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.body.id}`)).body;
    expect((await s.call('POST', `/task/${task.id}/complete`, {})).status).toBe(204);
    const again = await s.call('POST', `/task/${task.id}/complete`, {});
    expect(again.status).toBe(404);
    expect(again.body.message).toMatch(/completed or deleted/);
  });

  it('rejects wrong variable types and bad parameters with 400 naming them', async () => {
    const bad = await s.call('POST', '/process-definition/key/exclusive/start', { variables: { amount: { value: 'lots', type: 'Integer' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("'amount'");
    const badType = await s.call('POST', '/process-definition/key/exclusive/start', { variables: { amount: { value: 1, type: 'Banana' } } });
    expect(badType.status).toBe(400);
    const badJson = await fetch(`${s.base}/process-definition/key/exclusive/start`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeader() }, body: '{oops' });
    expect(badJson.status).toBe(400);
    const badParam = await s.call('GET', '/task?maxResults=abc');
    expect(badParam.status).toBe(400);
    expect(badParam.body.message).toContain('maxResults');
    const tooMany = await s.call('GET', '/task?maxResults=1000000');
    expect(tooMany.status).toBe(400);
    const badSort = await s.call('GET', '/task?sortBy=name;DROP TABLE user_task&sortOrder=asc');
    expect(badSort.status).toBe(400);
    expect((await s.call('GET', '/task')).status).toBe(200);
  });

  it('answers 404 for an unknown definition key and 501 for an operation Baton does not implement', async () => {
    const missing = await s.call('POST', '/process-definition/key/nope/start', {});
    expect(missing.status).toBe(404);
    const notImplemented = await s.call('GET', '/decision-definition');
    expect(notImplemented.status).toBe(501);
    expect(notImplemented.body.type).toBe('NotImplementedException');
  });
});
