import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeAll(async () => {
  s = await startTestServer('definition_admin');
  john = await s.createUser('john', ['sales']);
});
afterAll(async () => {
  await s?.close();
});

describe('who may start a definition', () => {
  it('filters by camunda:isStartableInTasklist, candidate starters (startableBy) and the start permission', async () => {
    const xml = (id: string, attrs: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://baton.dev/test">
  <bpmn:process id="${id}" isExecutable="true" ${attrs}><bpmn:startEvent id="s" /></bpmn:process>
</bpmn:definitions>`;
    await s.deploy({
      'a.bpmn': xml('byApi', 'camunda:isStartableInTasklist="false"'),
      'b.bpmn': xml('bySales', 'camunda:candidateStarterGroups="sales, management" camunda:candidateStarterUsers="peter"'),
    });
    const keys = async (query: string, as?: Credentials) => (await s.call('GET', `/process-definition?${query}`, undefined, as)).body.map((d: { key: string }) => d.key).sort();
    expect(await keys('key=byApi')).toEqual(['byApi']);
    expect((await s.call('GET', '/process-definition?key=byApi')).body[0].startableInTasklist).toBe(false);
    expect(await keys('startableInTasklist=true&keysIn=byApi,bySales')).toEqual(['bySales']);
    expect(await keys('notStartableInTasklist=true&keysIn=byApi,bySales')).toEqual(['byApi']);
    expect(await keys('startableBy=john')).toEqual(['bySales']);
    expect(await keys('startableBy=peter')).toEqual(['bySales']);
    expect(await keys('startableBy=admin')).toEqual([]);
    // john may read both but start only bySales: the permission check leaves out the other.
    for (const [key, permissions] of [['byApi', ['READ']], ['bySales', ['READ', 'CREATE_INSTANCE']]] as const) {
      expect((await s.call('POST', '/authorization/create', { type: 1, userId: 'john', resourceType: 6, resourceId: key, permissions })).status).toBe(200);
    }
    expect(await keys('keysIn=byApi,bySales', john)).toEqual(['byApi', 'bySales']);
    expect(await keys('keysIn=byApi,bySales&startablePermissionCheck=true', john)).toEqual(['bySales']);
    expect((await s.call('GET', '/process-definition/count?startablePermissionCheck=true&keysIn=byApi,bySales', undefined, john)).body.count).toBe(1);
  });

  it('refuses candidate starters given as expressions, naming the process', async () => {
    const res = await s.deploy({ 'c.bpmn': `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://baton.dev/test">
  <bpmn:process id="byExpression" isExecutable="true" camunda:candidateStarterGroups="\${groups}"><bpmn:startEvent id="s" /></bpmn:process>
</bpmn:definitions>` });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('byExpression');
  });
});

describe('deployment deletion and redeploy', () => {
  it('refuses to delete a deployment with running instances unless cascade; cascade cancels them and removes history', async () => {
    const dep = await s.deploy({ 'p.bpmn': engineFixture('parallel-gateway.bpmn') }, { 'deployment-name': 'to-delete' });
    const started = await s.call('POST', '/process-definition/key/parallel/start', {});
    expect((await s.call('DELETE', `/deployment/${dep.body.id}`, undefined, john)).status).toBe(403);
    expect((await s.call('DELETE', `/deployment/${dep.body.id}`)).status).toBe(400);
    expect((await s.call('DELETE', `/deployment/${dep.body.id}?cascade=true`)).status).toBe(204);
    expect((await s.call('GET', `/deployment/${dep.body.id}`)).status).toBe(404);
    expect((await s.call('GET', `/process-instance/${started.body.id}`)).status).toBe(404);
    expect((await s.call('GET', `/history/process-instance/${started.body.id}`)).status).toBe(404);
    expect((await s.call('GET', '/task/count')).body.count).toBe(0);
    expect((await s.call('POST', '/process-definition/key/parallel/start', {})).status).toBe(404);
    const definitionId = Object.keys(dep.body.deployedProcessDefinitions)[0];
    expect((await s.call('POST', `/process-definition/${definitionId}/start`, {})).status).toBe(404);
  });

  it('redeploys the resources of a deployment as a new version', async () => {
    const dep = await s.deploy({ 'u.bpmn': engineFixture('user-task.bpmn') }, { 'deployment-name': 'redeploy-me' });
    const again = await s.call('POST', `/deployment/${dep.body.id}/redeploy`, {});
    expect(again.status).toBe(200);
    expect(again.body.name).toBe('redeploy-me');
    expect(Object.values(again.body.deployedProcessDefinitions)).toMatchObject([{ key: 'userTaskProcess', version: 2 }]);
    expect((await s.call('POST', `/deployment/${dep.body.id}/redeploy`, { resourceNames: ['nope.bpmn'] })).status).toBe(400);
  });
});

describe('start forms and diagrams', () => {
  it('answers the start form key and the deployed diagram image (204 without one)', async () => {
    const xml = engineFixture('straight-through.bpmn').replace('<bpmn:startEvent id="start" />', '<bpmn:startEvent id="start" camunda:formKey="embedded:app:start.html" />');
    await s.deploy({ 'straight.bpmn': xml, 'straight.png': PNG });
    expect((await s.call('GET', '/process-definition/key/straightThrough/startForm')).body).toEqual({ key: 'embedded:app:start.html', contextPath: null, camundaFormRef: null });
    const image = await fetch(`${s.base}/process-definition/key/straightThrough/diagram`, { headers: { Authorization: `Basic ${Buffer.from('admin:admin-secret').toString('base64')}` } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    await s.deploy({ 'u2.bpmn': engineFixture('exclusive-gateway.bpmn') });
    expect((await s.call('GET', '/process-definition/key/exclusive/diagram')).status).toBe(204);
    expect((await s.call('GET', '/process-definition/key/exclusive/startForm')).body.key).toBeNull();
  });
});

describe('identity links, history deletion, candidate group report', () => {
  it('adds and removes candidate groups and users through the engine', async () => {
    await s.deploy({ 'x.bpmn': engineFixture('exclusive-gateway.bpmn') });
    const started = await s.call('POST', '/process-definition/key/exclusive/start', { variables: { amount: { value: 5000 } } });
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.body.id}`)).body;
    expect((await s.call('GET', `/task/${task.id}`, undefined, john)).status).toBe(403);
    expect((await s.call('POST', `/task/${task.id}/identity-links`, { groupId: 'sales', type: 'candidate' })).status).toBe(204);
    expect((await s.call('GET', `/task/${task.id}`, undefined, john)).status).toBe(200);
    const links = (await s.call('GET', `/task/${task.id}/identity-links`)).body;
    expect(links.filter((l: any) => l.type === 'candidate').map((l: any) => l.groupId).sort()).toEqual(['management', 'sales']);
    const report = (await s.call('GET', '/task/report/candidate-group-count')).body;
    expect(report).toEqual(expect.arrayContaining([{ groupName: 'sales', taskCount: 1 }]));
    expect((await s.call('GET', '/task/report/candidate-group-count', undefined, john)).status).toBe(403);
    expect((await s.call('POST', `/task/${task.id}/identity-links/delete`, { groupId: 'sales', type: 'candidate' })).status).toBe(204);
    expect((await s.call('GET', `/task/${task.id}`, undefined, john)).status).toBe(403);
    expect((await s.call('POST', `/task/${task.id}/identity-links`, { userId: 'john', groupId: 'x', type: 'candidate' })).status).toBe(400);
  });

  it('deletes the history of an ended instance, not of a running one', async () => {
    const ended = await s.call('POST', '/process-definition/key/exclusive/start', { variables: { amount: { value: 1 } } });
    expect(ended.body.ended).toBe(true);
    const running = await s.call('POST', '/process-definition/key/exclusive/start', { variables: { amount: { value: 5000 } } });
    expect((await s.call('DELETE', `/history/process-instance/${running.body.id}`)).status).toBe(400);
    expect((await s.call('DELETE', `/history/process-instance/${ended.body.id}`, undefined, john)).status).toBe(404);
    expect((await s.call('DELETE', `/history/process-instance/${ended.body.id}`)).status).toBe(204);
    expect((await s.call('GET', `/history/process-instance/${ended.body.id}`)).status).toBe(404);
    expect((await s.call('GET', `/history/activity-instance?processInstanceId=${ended.body.id}`)).body).toEqual([]);
  });
});
