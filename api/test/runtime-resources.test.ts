import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;
let instanceId: string;
let subInstanceId: string;

beforeAll(async () => {
  s = await startTestServer('runtime_resources');
  john = await s.createUser('john', ['sales']);
  await s.deploy({ 'p.bpmn': engineFixture('parallel-gateway.bpmn'), 't.bpmn': engineFixture('terminate-in-subprocess.bpmn'), 'x.bpmn': engineFixture('exclusive-gateway.bpmn') });
  instanceId = (await s.call('POST', '/process-definition/key/parallel/start', { businessKey: 'bk-1', variables: { amount: { value: 150, type: 'Integer' }, customer: { value: 'ACME Corp', type: 'String' } } })).body.id;
  subInstanceId = (await s.call('POST', '/process-definition/key/terminateInSub/start', {})).body.id;
  await s.call('POST', '/process-definition/key/exclusive/start', { variables: { amount: { value: 5000, type: 'Integer' } } });
});
afterAll(async () => {
  await s?.close();
});

describe('executions', () => {
  it('lists the instance execution and one per token, with filters and counts', async () => {
    const all = (await s.call('GET', `/execution?processInstanceId=${instanceId}`)).body;
    expect(all.map((e: any) => e.id)).toContain(instanceId);
    expect(all).toHaveLength(3);
    expect((await s.call('GET', `/execution?processInstanceId=${instanceId}&activityId=taskA`)).body).toHaveLength(1);
    expect((await s.call('GET', `/execution/count?businessKey=bk-1`)).body.count).toBe(3);
    expect((await s.call('GET', `/execution?processVariables=amount_gt_100&processInstanceId=${instanceId}`)).body).toHaveLength(3);
    expect((await s.call('GET', `/execution?processVariables=amount_gt_1000&processInstanceId=${instanceId}`)).body).toHaveLength(0);
    expect((await s.call('GET', `/execution/${instanceId}`)).body).toEqual({ id: instanceId, processInstanceId: instanceId, ended: false, tenantId: null });
    expect((await s.call('GET', '/execution/nope')).status).toBe(404);
  });

  it('shows local variables of the instance execution and of sub-process scopes', async () => {
    const local = (await s.call('GET', `/execution/${instanceId}/localVariables`)).body;
    expect(local.amount).toEqual({ value: 150, type: 'Integer', valueInfo: {} });
    expect((await s.call('GET', `/execution/${instanceId}/localVariables/customer`)).body.value).toBe('ACME Corp');
    expect((await s.call('GET', `/execution/${instanceId}/localVariables/missing`)).status).toBe(404);
    const scopes = (await s.call('GET', `/execution?processInstanceId=${subInstanceId}`)).body;
    expect(scopes.length).toBeGreaterThanOrEqual(3);
  });

  it('hides executions of definitions the user may not read', async () => {
    expect((await s.call('GET', `/execution?processInstanceId=${instanceId}`, undefined, john)).body).toEqual([]);
    expect((await s.call('GET', `/execution/${instanceId}`, undefined, john)).status).toBe(404);
  });
});

describe('variable instances', () => {
  it('queries by name, value and instance', async () => {
    const byName = (await s.call('GET', `/variable-instance?variableName=customer`)).body;
    expect(byName).toMatchObject([{ name: 'customer', value: 'ACME Corp', type: 'String', processInstanceId: instanceId, executionId: instanceId }]);
    expect((await s.call('GET', '/variable-instance?variableValues=amount_eq_150')).body.map((v: any) => v.processInstanceId)).toEqual([instanceId]);
    expect((await s.call('GET', '/variable-instance/count?variableValues=amount_gteq_150')).body.count).toBe(2);
    expect((await s.call('GET', '/variable-instance?variableNameLike=cust%25')).body).toHaveLength(1);
    expect((await s.call('POST', '/variable-instance', { processInstanceIdIn: [instanceId] })).body).toHaveLength(2);
    expect((await s.call('GET', '/variable-instance?variableValues=customer_like_ACME%25')).body).toHaveLength(1);
    expect((await s.call('GET', '/variable-instance?variableValues=bogus')).status).toBe(400);
    expect((await s.call('GET', `/variable-instance/${byName[0].id}`)).body.value).toBe('ACME Corp');
    expect((await s.call('GET', `/variable-instance/${byName[0].id}/data`)).status).toBe(400);
    expect((await s.call('GET', '/variable-instance?variableName=customer', undefined, john)).body).toEqual([]);
  });

  it('filters tasks by process variables', async () => {
    expect((await s.call('GET', '/task?processVariables=customer_eq_ACME Corp')).body).toHaveLength(2);
    expect((await s.call('GET', '/task?processVariables=amount_lt_100')).body).toHaveLength(0);
    expect((await s.call('POST', '/task', { processVariables: [{ name: 'amount', operator: 'gt', value: 1000 }] })).body).toHaveLength(1);
  });
});

describe('metrics, schema log, telemetry', () => {
  it('sums metrics from history (admins only)', async () => {
    const started = (await s.call('GET', '/metrics/root-process-instance-start/sum')).body.result;
    expect(started).toBe(3);
    expect((await s.call('GET', '/metrics/activity-instance-start/sum')).body.result).toBeGreaterThan(5);
    expect((await s.call('GET', `/metrics/activity-instance-start/sum?startDate=${encodeURIComponent('2099-01-01T00:00:00.000+0000')}`)).body.result).toBe(0);
    expect((await s.call('GET', '/metrics/bogus/sum')).status).toBe(400);
    const flowNodes = (await s.call('GET', '/metrics/activity-instance-start/sum')).body.result;
    const buckets = (await s.call('GET', '/metrics?name=activity-instance-start&interval=60')).body;
    expect(buckets.reduce((n: number, b: any) => n + b.value, 0)).toBe(flowNodes);
    expect((await s.call('GET', '/metrics?name=job-successful')).status).toBe(400);
    expect((await s.call('GET', '/metrics/activity-instance-start/sum', undefined, john)).status).toBe(403);
  });

  it('lists the applied migrations', async () => {
    const log = (await s.call('GET', '/schema/log')).body;
    expect(log.map((e: any) => e.version)).toContain('InitialSchema1732400000000');
  });

  it('reports telemetry as off and refuses to turn it on', async () => {
    expect((await s.call('GET', '/telemetry/configuration')).body).toEqual({ enableTelemetry: false });
    expect((await s.call('POST', '/telemetry/configuration', { enableTelemetry: true })).status).toBe(400);
    expect((await s.call('POST', '/telemetry/configuration', { enableTelemetry: false })).status).toBe(204);
  });
});

