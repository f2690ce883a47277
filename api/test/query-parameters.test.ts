/**
 * Query parameters are honoured or refused, never ignored: a Camunda parameter that a Baton
 * handler does not read answers 400 naming it (http/parameter-reads.ts), while sorting arrays
 * and variable filters of instances work as in Camunda 7.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
const ids: string[] = [];

beforeAll(async () => {
  s = await startTestServer('query-parameters');
  await s.deploy({ 'u.bpmn': engineFixture('user-task.bpmn') });
  for (const [subject, prio] of [['apples', 10], ['pears', 30], ['plums', 20]] as const) {
    const r = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: subject }, reviewer: { value: 'john' }, prio: { value: prio, type: 'Integer' } } });
    ids.push(r.body.id);
  }
});
afterAll(async () => {
  await s?.close();
});

describe('parameters Baton does not read', () => {
  it('answer 400 naming them instead of an answer that ignores them', async () => {
    // Tasks carry no tenant: a tenant filter cannot be answered, so it is refused.
    const res = await s.call('GET', '/task?tenantIdIn=acme');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'InvalidRequestException' });
    expect(res.body.message).toContain("'tenantIdIn' of GET /task");
    const post = await s.call('POST', '/task', { parentTaskId: 'x', caseInstanceId: 'y' });
    expect(post.status).toBe(400);
    expect(post.body.message).toMatch(/the parameters 'parentTaskId', 'caseInstanceId' of POST \/task/);
  });

  it('let parameters through that ask for nothing or change nothing', async () => {
    expect((await s.call('GET', '/task?withoutTenantId=false')).status).toBe(200);
    expect((await s.call('GET', `/variable-instance?processInstanceIdIn=${ids[0]}&deserializeValues=true`)).status).toBe(200);
    expect((await s.call('POST', '/task', { executionId: null, processInstanceIdIn: [] })).status).toBe(200);
    // Counts ignore sorting and paging, as Camunda's do.
    expect((await s.call('POST', '/task/count', { sorting: [{ sortBy: 'priority', sortOrder: 'desc' }] })).body).toEqual({ count: 3 });
  });
});

describe('task filters', () => {
  it('by name, dates, delegation, execution and involved user', async () => {
    const count = async (query: string) => (await s.call('GET', `/task/count?${query}`)).body.count;
    expect(await count('nameNotEqual=Review%20apples')).toBe(2);
    expect(await count('nameNotLike=%25p%25')).toBe(0);
    expect(await count('dueDate=2030-01-31T09:00:00.000%2B0000')).toBe(3);
    expect(await count('withoutDueDate=true')).toBe(0);
    expect(await count('followUpBeforeOrNotExistent=2020-01-01T00:00:00.000%2B0000')).toBe(3);
    expect(await count('involvedUser=mary')).toBe(3);
    expect(await count('involvedUser=nobody')).toBe(0);
    expect(await count('delegationState=PENDING')).toBe(0);
    const [task] = (await s.call('GET', `/task?processInstanceId=${ids[0]}`)).body;
    expect((await s.call('GET', `/task?executionId=${task.executionId}`)).body.map((t: { id: string }) => t.id)).toEqual([task.id]);
    const [historic] = (await s.call('GET', `/history/task?taskId=${task.id}`)).body;
    expect(await count(`activityInstanceIdIn=${historic.activityInstanceId}`)).toBe(1);
    expect(await count('processDefinitionNameLike=%25')).toBe(3);
  });
});

describe('sorting arrays of POST queries', () => {
  it('sort by each entry in rank order', async () => {
    const tasks = await s.call('POST', '/task', { sorting: [{ sortBy: 'priority', sortOrder: 'desc' }] });
    expect(tasks.body.map((t: { priority: number }) => t.priority)).toEqual([30, 20, 10]);
    const asc = await s.call('POST', '/process-instance', { sorting: [{ sortBy: 'instanceId', sortOrder: 'asc' }] });
    expect(asc.body.map((i: { id: string }) => i.id)).toEqual([...ids].sort());
    expect((await s.call('POST', '/task', { sorting: [{ sortOrder: 'desc' }] })).status).toBe(400);
  });
});

describe('variables filters of process instances', () => {
  it('select running and historic instances by their variables (GET and POST forms)', async () => {
    const running = await s.call('GET', '/process-instance?variables=prio_gteq_20,subject_like_p%25');
    expect(running.body.map((i: { id: string }) => i.id).sort()).toEqual([ids[1], ids[2]].sort());
    const posted = await s.call('POST', '/process-instance/count', { variables: [{ name: 'subject', operator: 'eq', value: 'apples' }] });
    expect(posted.body).toEqual({ count: 1 });
    const historic = await s.call('POST', '/history/process-instance', { variables: [{ name: 'prio', operator: 'lt', value: 25 }], processDefinitionKeyIn: ['userTaskProcess'] });
    expect(historic.body.map((h: { id: string }) => h.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect((await s.call('GET', '/history/process-instance?processDefinitionKeyNotIn=userTaskProcess')).body).toEqual([]);
  });
});

describe('users and groups', () => {
  it('filter by like patterns and potential starters, and sort', async () => {
    for (const [id, firstName, lastName] of [['ann', 'Ann', 'Zeller'], ['bob', 'Bob', 'Adams'], ['cleo', 'Cleo', 'Miller']]) {
      expect((await s.call('POST', '/user/create', { profile: { id, firstName, lastName, email: `${id}@example.org` }, credentials: { password: 'Secret-12345' } })).status).toBe(204);
    }
    for (const [id, name] of [['sales', 'Sales team'], ['support', 'Support desk']]) {
      expect((await s.call('POST', '/group/create', { id, name, type: 'WORKFLOW' })).status).toBe(204);
    }
    expect((await s.call('PUT', '/group/sales/members/bob')).status).toBe(204);
    const ids = async (path: string) => (await s.call('GET', path)).body.map((x: { id: string }) => x.id);
    expect(await ids('/user?lastNameLike=%25ll%25&sortBy=lastName&sortOrder=desc')).toEqual(['ann', 'cleo']);
    expect(await ids('/user?firstNameLike=B%25')).toEqual(['bob']);
    expect(await ids('/user?emailLike=c%25')).toEqual(['cleo']);
    expect(await ids('/group?nameLike=S%25&sortBy=name&sortOrder=desc')).toEqual(['support', 'sales']);
    const deployed = await s.deploy({ 'starters.bpmn': `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://baton.dev/test">
  <bpmn:process id="starters" isExecutable="true" camunda:candidateStarterGroups="sales" camunda:candidateStarterUsers="cleo"><bpmn:startEvent id="s" /></bpmn:process>
</bpmn:definitions>` });
    const definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0];
    expect(await ids(`/user?potentialStarter=${definitionId}`)).toEqual(['bob', 'cleo']);
  });
});

describe('instance and incident filters', () => {
  it('by activity, deployment, tenant and incident', async () => {
    const count = async (path: string) => (await s.call('GET', path)).body.count;
    expect(await count('/process-instance/count?activityIdIn=review')).toBe(3);
    expect(await count('/process-instance/count?processDefinitionKeyNotIn=userTaskProcess')).toBe(0);
    expect(await count('/process-instance/count?withoutTenantId=true')).toBe(3);
    const [definition] = (await s.call('GET', '/process-definition?key=userTaskProcess')).body;
    expect(await count(`/process-instance/count?deploymentId=${definition.deploymentId}`)).toBe(3);
    // Without a reviewer the assignee expression fails: an incident at the task.
    const failing = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, prio: { value: 1, type: 'Integer' } } });
    const [incident] = (await s.call('GET', `/incident?processInstanceId=${failing.body.id}`)).body;
    expect(incident).toBeTruthy();
    const instances = (await s.call('GET', `/process-instance?incidentType=${incident.incidentType}`)).body.map((i: { id: string }) => i.id);
    expect(instances).toEqual([failing.body.id]);
    expect(await count(`/process-instance/count?incidentId=${incident.id}`)).toBe(1);
    expect(await count(`/process-instance/count?incidentMessageLike=%25reviewer%25`)).toBe(1);
    expect(await count(`/incident/count?executionId=${incident.executionId}`)).toBe(1);
    expect(await count(`/incident/count?configuration=${encodeURIComponent(incident.configuration)}`)).toBeGreaterThanOrEqual(1);
    expect(await count('/incident/count?processDefinitionKeyIn=userTaskProcess')).toBe(1);
    expect(await count('/incident/count?processDefinitionKeyIn=other')).toBe(0);
    expect(await count(`/incident/count?incidentMessage=${encodeURIComponent(incident.incidentMessage)}`)).toBe(1);
    expect(await count('/incident/count?incidentTimestampAfter=2999-01-01T00:00:00.000%2B0000')).toBe(0);
    expect(await count(`/incident/count?rootCauseIncidentId=${incident.id}`)).toBe(1);
    // Definitions by their incidents, resource, deployment time, version tag and tenant.
    expect(await count(`/process-definition/count?incidentType=${incident.incidentType}`)).toBe(1);
    expect(await count('/process-definition/count?incidentMessageLike=%25nothing-like-this%25')).toBe(0);
    expect(await count('/process-definition/count?resourceNameLike=u.%25&withoutVersionTag=true&withoutTenantId=true')).toBe(1);
    expect(await count('/process-definition/count?versionTagLike=%25')).toBe(0);
    expect(await count('/process-definition/count?deployedAfter=2999-01-01T00:00:00.000%2B0000')).toBe(0);
    expect(await count('/process-definition/count?deployedAfter=2000-01-01T00:00:00.000%2B0000&key=userTaskProcess')).toBe(1);
    expect(await count('/process-definition/count?tenantIdIn=acme')).toBe(0);
    // Deployments: a list of tenants (it was read as one id), and those without one.
    expect(await count('/deployment/count?tenantIdIn=acme,other')).toBe(0);
    expect(await count('/deployment/count?tenantIdIn=acme&includeDeploymentsWithoutTenantId=true')).toBe(await count('/deployment/count'));
    expect(await count('/deployment/count?withoutTenantId=true')).toBe(await count('/deployment/count'));
    await s.deploy({ 'tenant.bpmn': engineFixture('straight-through.bpmn') }, { 'tenant-id': 'acme' });
    expect(await count('/deployment/count?tenantIdIn=acme,other')).toBe(1);
    expect(await count('/process-definition/count?tenantIdIn=other,acme')).toBe(1);
    // Historic activity instances by name, assignee and time.
    expect(await count(`/history/activity-instance/count?processInstanceId=${ids[0]}&activityName=${encodeURIComponent("Review ${subject}")}`)).toBe(1);
    expect(await count(`/history/activity-instance/count?taskAssignee=john&processInstanceId=${ids[0]}`)).toBe(1);
    const [activity] = (await s.call('GET', `/history/activity-instance?processInstanceId=${ids[0]}&activityId=review`)).body;
    expect(activity.processDefinitionKey).toBe('userTaskProcess');
    expect((await s.call('GET', `/history/activity-instance/${activity.id}`)).body.processDefinitionKey).toBe('userTaskProcess');
    expect(await count(`/history/activity-instance/count?processInstanceId=${ids[0]}&startedAfter=2999-01-01T00:00:00.000%2B0000`)).toBe(0);
    expect(await count(`/history/activity-instance/count?processInstanceId=${ids[0]}&finishedBefore=2999-01-01T00:00:00.000%2B0000`)).toBe(1);
    // Historic tasks by assignee pattern, involved user, priority and time.
    const tasks = async (query: string) => (await s.call('GET', `/history/task?processInstanceId=${ids[1]}&${query}`)).body.length;
    expect(await tasks('taskAssigneeLike=jo%25')).toBe(1);
    expect(await tasks('taskInvolvedUser=john')).toBe(1);
    expect(await tasks('taskInvolvedUser=nobody')).toBe(0);
    expect(await tasks('taskPriority=30')).toBe(1);
    expect(await tasks('taskPriority=31')).toBe(0);
    expect(await tasks('startedAfter=2999-01-01T00:00:00.000%2B0000')).toBe(0);
    expect(await tasks('taskDueDateBefore=2031-01-01T00:00:00.000%2B0000')).toBe(1);
  });
});

describe('starting an instance', () => {
  it('refuses startInstructions instead of starting at the start event', async () => {
    const res = await s.call('POST', '/process-definition/key/userTaskProcess/start', { startInstructions: [{ type: 'startBeforeActivity', activityId: 'review' }] });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('startInstructions');
  });
});

describe('deleting an instance', () => {
  it('honours failIfNotExists and refuses skipSubprocesses', async () => {
    expect((await s.call('DELETE', '/process-instance/no-such-instance')).status).toBe(404);
    expect((await s.call('DELETE', '/process-instance/no-such-instance?failIfNotExists=false')).status).toBe(204);
    const r = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'd' }, reviewer: { value: 'john' }, prio: { value: 1, type: 'Integer' } } });
    expect((await s.call('DELETE', `/process-instance/${r.body.id}?skipSubprocesses=true`)).status).toBe(400);
    expect((await s.call('DELETE', `/process-instance/${r.body.id}?skipCustomListeners=true&skipIoMappings=true&deleteReason=test`)).status).toBe(204);
    expect((await s.call('GET', `/history/process-instance/${r.body.id}`)).body).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: 'test' });
  });
});
