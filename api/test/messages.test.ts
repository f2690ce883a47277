import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;

beforeAll(async () => {
  s = await startTestServer('messages');
  john = await s.createUser('john', ['sales']);
  await s.deploy({
    'm.bpmn': engineFixture('message-catch.bpmn'), 's.bpmn': engineFixture('message-start.bpmn'), 'sig.bpmn': engineFixture('signal-events.bpmn'),
    'r.bpmn': engineFixture('receive-task-signal.bpmn'), 'c.bpmn': engineFixture('conditional-events.bpmn'),
  });
});
afterAll(async () => {
  await s?.close();
});

const start = async (key: string, orderId: number, businessKey?: string) =>
  (await s.call('POST', `/process-definition/key/${key}/start`, { businessKey, variables: { orderId: { value: orderId, type: 'Integer' } } })).body.id as string;
const openTasks = async (instanceId: string) => (await s.call('GET', `/task?processInstanceId=${instanceId}`)).body.map((t: any) => t.taskDefinitionKey).sort();

describe('POST /message', () => {
  it('validates the body and answers 400 when nothing matches, 204 for all=true without matches', async () => {
    expect((await s.call('POST', '/message', {})).status).toBe(400);
    const none = await s.call('POST', '/message', { messageName: 'paid', businessKey: 'bk-1' });
    expect(none).toMatchObject({ status: 400, body: { type: 'RestException' } });
    expect(none.body.message).toBe("Cannot correlate message 'paid': No process definition or execution matches the parameters");
    expect((await s.call('POST', '/message', { messageName: 'paid', all: true })).status).toBe(204);
    expect((await s.call('POST', '/message', { messageName: 'paid', all: true, resultEnabled: true })).body).toEqual([]);
    expect((await s.call('POST', '/message', { messageName: 'paid', processVariables: { x: { value: 'a', type: 'Integer' } } })).status).toBe(400);
  });

  it('correlates to the waiting instance by business key and returns the result with variables', async () => {
    const id = await start('messageCatch', 11, 'order-11');
    const res = await s.call('POST', '/message', {
      messageName: 'payment-11', businessKey: 'order-11', processVariables: { amount: { value: 20, type: 'Integer' } }, resultEnabled: true, variablesInResultEnabled: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ resultType: 'Execution', execution: { processInstanceId: id, ended: false } });
    expect(res.body[0].variables).toMatchObject({ amount: { value: 20, type: 'Integer' }, orderId: { value: 11, type: 'Integer' } });
    expect(await openTasks(id)).toEqual(['ship']);
  });

  it('starts an instance at a message start event with the business key', async () => {
    const res = await s.call('POST', '/message', { messageName: 'orderPlaced', businessKey: 'bk-start', resultEnabled: true });
    expect(res.body[0]).toMatchObject({ resultType: 'ProcessDefinition', processInstance: { businessKey: 'bk-start', ended: false } });
    expect(await openTasks(res.body[0].processInstance.id)).toEqual(['pack']);
  });

  it('ten concurrent correlations of one message to one waiting instance deliver it exactly once', async () => {
    const id = await start('messageCatch', 12);
    const results = await Promise.all(Array.from({ length: 10 }, () => s.call('POST', '/message', { messageName: 'payment-12' })));
    expect(results.map((r) => r.status).sort()).toEqual([204, ...Array(9).fill(400)]);
    expect(await openTasks(id)).toEqual(['ship']);
    expect((await s.call('GET', `/history/activity-instance?processInstanceId=${id}&activityId=ship`)).body).toHaveLength(1);
  });

  it('needs UPDATE_INSTANCE on the definition (403, nothing moves) and credentials (401)', async () => {
    const id = await start('messageCatch', 13);
    const denied = await s.call('POST', '/message', { messageName: 'payment-13' }, john);
    expect(denied).toMatchObject({ status: 403, body: { type: 'AuthorizationException' } });
    expect((await s.call('POST', '/message', { messageName: 'payment-13' }, null)).status).toBe(401);
    expect(await openTasks(id)).toEqual([]);
    expect((await s.call('GET', `/event-subscription?processInstanceId=${id}`)).body.map((e: any) => e.activityId)).toEqual(['paid']);
  });
});

describe('event subscriptions and signals', () => {
  it('lists and counts subscriptions; an execution message subscription can be read and triggered', async () => {
    const id = await start('messageCatch', 14);
    const [sub] = (await s.call('GET', `/event-subscription?processInstanceId=${id}`)).body;
    expect(sub).toMatchObject({ eventType: 'message', eventName: 'payment-14', activityId: 'paid', processInstanceId: id, tenantId: null });
    expect((await s.call('GET', '/event-subscription/count?eventName=orderPlaced')).body.count).toBe(1);
    expect((await s.call('GET', '/event-subscription?eventType=signal&sortBy=created&sortOrder=desc')).body.map((e: any) => e.activityId)).toEqual(['sStart']);
    expect((await s.call('GET', `/execution/${sub.executionId}/messageSubscriptions/payment-14`)).body.id).toBe(sub.id);
    expect((await s.call('GET', '/execution?messageEventSubscriptionName=payment-14')).body.map((e: any) => e.id)).toEqual([sub.executionId]);
    expect((await s.call('GET', `/execution/${sub.executionId}/messageSubscriptions/other`)).status).toBe(404);
    expect((await s.call('POST', `/execution/${sub.executionId}/messageSubscriptions/payment-14/trigger`, { variables: { x: { value: true, type: 'Boolean' } } })).status).toBe(204);
    expect(await openTasks(id)).toEqual(['ship']);
    expect((await s.call('POST', `/execution/${sub.executionId}/messageSubscriptions/payment-14/trigger`, {})).status).toBe(404);
  });

  it('POST /signal reaches waiting instances and starts instances at signal start events', async () => {
    const waiter = (await s.call('POST', '/process-definition/key/signalWaiter/start', {})).body.id;
    expect((await s.call('POST', '/signal', {})).status).toBe(400);
    expect((await s.call('POST', '/signal', { name: 'alert', executionId: 'nope' })).status).toBe(400);
    expect((await s.call('POST', '/signal', { name: 'alert', variables: { level: { value: 2, type: 'Integer' } } })).status).toBe(204);
    expect(await openTasks(waiter)).toEqual(['work']);
    const started = (await s.call('GET', '/task?taskDefinitionKey=react')).body;
    expect(started).toHaveLength(1);
    expect((await s.call('GET', `/process-instance/${started[0].processInstanceId}/variables/level`)).body.value).toBe(2);
  });
});

describe('POST /execution/{id}/signal', () => {
  it('moves a receive task without a message on, with variables; refuses executions that do not wait for a signal', async () => {
    const id = (await s.call('POST', '/process-definition/key/receiveSignalled/start', {})).body.id;
    const [execution] = (await s.call('GET', `/execution?processInstanceId=${id}&activityId=waitForGoods`)).body;
    expect((await s.call('POST', `/execution/${id}/signal`, {})).status).toBe(400);
    expect((await s.call('POST', `/execution/${execution.id}/signal`, { variables: { pallets: { value: 3, type: 'Integer' } } }, john)).status).toBe(404);
    expect((await s.call('POST', `/execution/${execution.id}/signal`, { variables: { pallets: { value: 3, type: 'Integer' } } })).status).toBe(204);
    expect(await openTasks(id)).toEqual(['store']);
    expect((await s.call('GET', `/process-instance/${id}/variables/pallets`)).body.value).toBe(3);
    expect((await s.call('POST', `/execution/${execution.id}/signal`, {})).status).toBe(404);
  });
});

describe('conditional events through REST', () => {
  it('a variable set through PUT /process-instance/{id}/variables/{name} moves a waiting conditional catch event on', async () => {
    const id = (await s.call('POST', '/process-definition/key/conditionalCatch/start', { variables: { stock: { value: 2, type: 'Integer' }, price: { value: 1, type: 'Integer' } } })).body.id;
    expect(await openTasks(id)).toEqual([]);
    expect((await s.call('PUT', `/process-instance/${id}/variables/stock`, { value: 3, type: 'Integer' })).status).toBe(204);
    expect(await openTasks(id)).toEqual([]);
    expect((await s.call('PUT', `/process-instance/${id}/variables/stock`, { value: 12, type: 'Integer' })).status).toBe(204);
    expect(await openTasks(id)).toEqual(['ship']);
  });
});
