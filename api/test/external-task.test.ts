/**
 * External task REST endpoints (Camunda 7 shapes): long polling woken by NOTIFY, queries,
 * worker checks, locks, retries and priority.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variablesFromWire } from '@baton/engine';
import { EventEmitter } from 'node:events';
import { PostgresStore } from '@baton/engine/postgres';
import { Waiters } from '../src/features/external-task/fetch-and-lock';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer('external_tasks');
  expect((await s.deploy({ 'e.bpmn': engineFixture('external-task.bpmn') })).status).toBe(200);
  expect((await s.deploy({ 'err.bpmn': engineFixture('error-external-task.bpmn') })).status).toBe(200);
});

afterAll(async () => {
  await s?.close();
});

const start = (topic: string, vars: Record<string, unknown> = {}) =>
  s.engine.startProcessInstance({ key: 'externalProcess', businessKey: `bk-${topic}`, variables: variablesFromWire({ topic: { value: topic }, ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, { value: v }])) }) });
const fetchAndLock = (workerId: string, topicName: string, extra: Record<string, unknown> = {}) =>
  s.call('POST', '/external-task/fetchAndLock', { workerId, maxTasks: 10, topics: [{ topicName, lockDuration: 60_000 }], ...extra });

describe('external task REST API', () => {
  it('long polling answers as soon as a task is created (NOTIFY), not at the timeout', async () => {
    const t0 = Date.now();
    const pending = fetchAndLock('poller', 'longpoll', { asyncResponseTimeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300)); // let the request start waiting
    await start('longpoll', { amount: 5 });
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ topicName: 'longpoll', workerId: 'poller', activityId: 'charge', priority: 7, businessKey: 'bk-longpoll' });
    expect(res.body[0].variables.amount).toEqual({ value: 5, type: 'Integer', valueInfo: {} });
    expect(Date.now() - t0).toBeLessThan(3000);
    const empty = await fetchAndLock('poller', 'longpoll', { asyncResponseTimeout: 200 });
    expect(empty.body).toEqual([]);
  });

  it('queries, gets, counts and lists topic names', async () => {
    const started = await start('query-topic');
    const list = (await s.call('GET', `/external-task?processInstanceId=${started.instanceId}`)).body as any[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ topicName: 'query-topic', workerId: null, retries: null, suspended: false, executionId: expect.any(String) });
    expect((await s.call('GET', `/external-task/${list[0].id}`)).body.id).toBe(list[0].id);
    expect((await s.call('POST', '/external-task/count', { topicName: 'query-topic' })).body).toEqual({ count: 1 });
    expect((await s.call('GET', '/external-task/topic-names')).body).toContain('query-topic');
    expect((await s.call('GET', '/external-task/nope')).status).toBe(404);
    const byVariable = (value: string) =>
      s.call('POST', '/external-task/fetchAndLock', { workerId: 'filter', maxTasks: 5, topics: [{ topicName: 'query-topic', lockDuration: 1000, processVariables: { topic: value }, processDefinitionKeyIn: ['externalProcess'] }] });
    expect((await byVariable('other')).body).toEqual([]);
    expect(((await byVariable('query-topic')).body as any[]).map((t) => t.id)).toEqual([list[0].id]);
    expect((await s.call('POST', `/external-task/${list[0].id}/unlock`)).status).toBe(204);
    expect((await s.call('PUT', `/external-task/${list[0].id}/priority`, { priority: 99 })).status).toBe(204);
    expect((await s.call('GET', `/external-task/${list[0].id}`)).body.priority).toBe(99);
  });

  it('answers wrong workers and expired locks as Camunda does; unlock, lock, extendLock, retries', async () => {
    await start('locks');
    const [task] = (await fetchAndLock('w1', 'locks')).body as any[];
    const wrong = await s.call('POST', `/external-task/${task.id}/complete`, { workerId: 'w2' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.type).toBe('BadUserRequestException');
    expect(wrong.body.message).toContain("It is locked by worker 'w1'");
    expect((await s.call('POST', `/external-task/${task.id}/extendLock`, { workerId: 'w1', newDuration: 1 })).status).toBe(204);
    await new Promise((r) => setTimeout(r, 20));
    const expired = await s.call('POST', `/external-task/${task.id}/extendLock`, { workerId: 'w1', newDuration: 1000 });
    expect([expired.status, expired.body.message]).toEqual([400, 'Cannot extend a lock that expired']);
    expect((await s.call('POST', `/external-task/${task.id}/lock`, { workerId: 'w3', lockDuration: 60_000 })).status).toBe(204);
    expect((await s.call('POST', `/external-task/${task.id}/lock`, { workerId: 'w4', lockDuration: 60_000 })).status).toBe(400);
    expect((await s.call('POST', `/external-task/${task.id}/unlock`)).status).toBe(204);
    expect((await s.call('GET', `/external-task/${task.id}`)).body).toMatchObject({ workerId: null, lockExpirationTime: null });

    const [again] = (await fetchAndLock('w5', 'locks')).body as any[];
    expect((await s.call('POST', `/external-task/${again.id}/failure`, { workerId: 'w5', errorMessage: 'boom', errorDetails: 'trace', retries: 0, retryTimeout: 0 })).status).toBe(204);
    const details = await fetch(`${s.base}/external-task/${again.id}/errorDetails`, { headers: { Authorization: `Basic ${Buffer.from('admin:admin-secret').toString('base64')}` } });
    expect(await details.text()).toBe('trace');
    const [incident] = (await s.call('GET', `/incident?processInstanceId=${again.processInstanceId}`)).body as any[];
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', configuration: again.id, incidentMessage: 'boom' });
    expect((await s.call('PUT', '/external-task/retries', { externalTaskIds: [again.id], retries: 2 })).status).toBe(204);
    expect((await s.call('GET', `/incident?processInstanceId=${again.processInstanceId}`)).body).toEqual([]);
    const [third] = (await fetchAndLock('w6', 'locks')).body as any[];
    expect(third).toMatchObject({ id: again.id, retries: 2, errorMessage: 'boom', errorDetails: 'trace' });
    expect((await s.call('POST', `/external-task/${third.id}/complete`, { workerId: 'w6', variables: { paid: { value: false, type: 'Boolean' } } })).status).toBe(204);
    expect((await s.call('POST', `/external-task/${third.id}/complete`, { workerId: 'w6' })).status).toBe(404);
  });

  it('bpmnError is caught by the error boundary event on the task: its flow goes on and the error variables are set', async () => {
    const started = await s.engine.startProcessInstance({ key: 'externalError' });
    const [task] = (await fetchAndLock('wb', 'charge')).body as any[];
    expect(task.processInstanceId).toBe(started.instanceId);
    const body = { workerId: 'wb', errorCode: 'PAYMENT_REJECTED', errorMessage: 'card declined', variables: { attempt: { value: 2, type: 'Integer' } } };
    expect((await s.call('POST', `/external-task/${task.id}/bpmnError`, body)).status).toBe(204);
    expect((await s.call('GET', `/external-task/${task.id}`)).status).toBe(404);
    const tasks = (await s.call('GET', `/task?processInstanceId=${started.instanceId}`)).body as any[];
    expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['askCustomer']);
    const variables = (await s.call('GET', `/process-instance/${started.instanceId}/variables`)).body;
    expect(variables).toMatchObject({ failure: { value: 'PAYMENT_REJECTED' }, failureMessage: { value: 'card declined' }, attempt: { value: 2 } });
    expect((await s.call('GET', `/incident?processInstanceId=${started.instanceId}`)).body).toEqual([]);
  });

  it('a long poll never misses a NOTIFY that arrives between its look for tasks and its wait', async () => {
    const store = new PostgresStore(s.db.dataSource);
    const waiters = new Waiters({ store });
    await waiters.listen();
    let delivered!: () => void;
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    const stop = await store.externalTasks.subscribe(() => delivered());
    const client = new EventEmitter();
    try {
      // Found nothing, then a task is committed (its NOTIFY arrives) before the request waits:
      const since = waiters.seen;
      await store.pool.query('NOTIFY baton_external_task');
      await arrived;
      // … so the wait returns at once (before this fix it slept for the whole wait).
      await waiters.wait(10 * 60_000, client, since);
      // With no wake-up since the look, it still waits for the next one.
      const next = waiters.seen;
      const waiting = waiters.wait(10 * 60_000, client, next);
      await store.pool.query('NOTIFY baton_external_task');
      await waiting;
      expect(waiters.seen).toBeGreaterThan(next);
    } finally {
      await stop();
      await store.notifier.close(); // its own LISTEN connection; the data source is the server's
    }
  });
});

describe('fetchAndLock topic filters', () => {
  const xml = (tag: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://baton.dev/test">
  <bpmn:process id="tenantWork" isExecutable="true" camunda:versionTag="${tag}">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
    <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="tenant-topic">
      <bpmn:extensionElements><camunda:properties><camunda:property name="endpoint" value="https://example.org/charge" /><camunda:property name="retries" value="2" /></camunda:properties></bpmn:extensionElements>
    </bpmn:serviceTask>
  </bpmn:process>
</bpmn:definitions>`;
  const topic = (extra: Record<string, unknown>) =>
    s.call('POST', '/external-task/fetchAndLock', { workerId: 'tenant-worker', maxTasks: 10, topics: [{ topicName: 'tenant-topic', lockDuration: 60_000, ...extra }] });

  it('keeps to the tenants and version tag asked for, and hands out camunda:properties when asked', async () => {
    expect((await s.deploy({ 'acme.bpmn': xml('v1') }, { 'tenant-id': 'acme' })).status).toBe(200);
    expect((await s.deploy({ 'plain.bpmn': xml('v2') })).status).toBe(200);
    const definitions = (await s.call('GET', '/process-definition?key=tenantWork')).body as Array<{ id: string; tenantId: string | null }>;
    for (const d of definitions) expect((await s.call('POST', `/process-definition/${d.id}/start`, {})).status).toBe(200);
    const other = await topic({ tenantIdIn: ['globex'] });
    expect(other.body).toEqual([]);
    const tagged = await topic({ processDefinitionVersionTag: 'v2', includeExtensionProperties: true });
    expect(tagged.body).toHaveLength(1);
    expect(tagged.body[0]).toMatchObject({ tenantId: null, extensionProperties: { endpoint: 'https://example.org/charge', retries: '2' } });
    const acme = await topic({ tenantIdIn: ['acme'] });
    expect(acme.body).toHaveLength(1);
    expect(acme.body[0]).toMatchObject({ tenantId: 'acme', extensionProperties: {} });
    expect((await topic({ withoutTenantId: true })).body).toEqual([]); // the tenant-less one is locked already
  });
});
