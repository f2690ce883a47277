/**
 * The official Camunda 7 external task client (camunda-external-task-client-js) against a
 * Baton server: typed variables, complete, failure with retries, BPMN error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuthInterceptor, Client, Variables } from 'camunda-external-task-client-js';
import { variablesFromWire } from '@baton/engine';
import { ADMIN, engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
let client: Client;
const seen: Record<string, { name: string; amount: number; order: unknown; due: Date; retries: number | null }[]> = {};

beforeAll(async () => {
  s = await startTestServer('external_client');
  expect((await s.deploy({ 'client.bpmn': engineFixture('external-client.bpmn') })).status).toBe(200);
  client = new Client({
    baseUrl: s.base, workerId: 'node-worker', asyncResponseTimeout: 10_000, interval: 50, maxTasks: 5,
    interceptors: new BasicAuthInterceptor({ username: ADMIN.user, password: ADMIN.password }),
  });
  client.subscribe('charge', { lockDuration: 10_000 }, async ({ task, taskService }) => {
    const mode = task.variables.get('mode') as string;
    (seen[mode] ??= []).push({
      name: task.variables.get('name'), amount: task.variables.get('amount'), order: task.variables.get('order'),
      due: task.variables.get('due'), retries: task.retries ?? null,
    });
    if (mode === 'reject') {
      await taskService.handleBpmnError(task, 'REJECTED', 'card declined', new Variables().set('declined', true));
    } else if (mode === 'flaky' && task.retries === null) {
      await taskService.handleFailure(task, { errorMessage: 'gateway down', errorDetails: 'timeout after 30s', retries: 1, retryTimeout: 100 });
    } else {
      const order = task.variables.get('order') as { items: number[] };
      await taskService.complete(task, new Variables().setAll({ receipt: `R-${task.businessKey}`, total: order.items.reduce((a, b) => a + b, 0) }));
    }
  });
}, 60_000);

afterAll(async () => {
  client?.stop();
  await s?.close();
});

// Started through the engine with wire-format variables (the REST start is covered elsewhere).
const start = async (businessKey: string, mode: string, items: number[]) => {
  const r = await s.engine.startProcessInstance({
    key: 'externalClient', businessKey,
    variables: variablesFromWire({
      mode: { value: mode, type: 'String' }, name: { value: 'Ada', type: 'String' }, amount: { value: 7, type: 'Integer' },
      order: { value: JSON.stringify({ items }), type: 'Json' }, due: { value: '2030-01-31T09:15:00.000+0000', type: 'Date' },
    }),
  });
  return { body: { id: r.instanceId } };
};

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ended = (id: string) => until(async () => (await s.call('GET', `/history/process-instance/${id}`)).body?.state === 'COMPLETED');
const path = async (id: string) => (await s.engine.reads.historicActivityInstances(id)).map((a) => a.activityId);

describe('camunda-external-task-client-js against Baton', () => {
  it('reads typed variables and completes with new variables; the instance takes the path they select', async () => {
    client.start();
    const started = await start('o-1', 'ok', [60, 50]);
    await ended(started.body.id);
    expect(seen.ok![0]).toMatchObject({ name: 'Ada', amount: 7, order: { items: [60, 50] } });
    expect(seen.ok![0]!.due).toBeInstanceOf(Date);
    expect(seen.ok![0]!.due.toISOString()).toBe('2030-01-31T09:15:00.000Z');
    expect(await path(started.body.id)).toEqual(['start', 'charge', 'check', 'big']);
    const vars = (await s.call('GET', `/history/variable-instance?processInstanceId=${started.body.id}`)).body as any[];
    expect(Object.fromEntries(vars.filter((v) => ['receipt', 'total'].includes(v.name)).map((v) => [v.name, v.value]))).toEqual({ receipt: 'R-o-1', total: 110 });
  });

  it('a failure with retries is fetched again after the retry timeout, then completes', async () => {
    const started = await start('o-2', 'flaky', [1, 2]);
    await ended(started.body.id);
    expect(seen.flaky!.map((x) => x.retries)).toEqual([null, 1]);
    expect(await path(started.body.id)).toEqual(['start', 'charge', 'check', 'small']);
  });

  it('a BPMN error without a catching event ends the path as in Camunda 7, kept in history with the variables sent', async () => {
    const started = await start('o-3', 'reject', [1]);
    await ended(started.body.id);
    const history = (await s.call('GET', `/history/process-instance/${started.body.id}`)).body;
    expect(history.deleteReason).toContain("BPMN error 'REJECTED' thrown at 'charge' was not caught");
    expect((await s.call('GET', `/incident?processInstanceId=${started.body.id}`)).body).toEqual([]);
    const vars = (await s.call('GET', `/history/variable-instance?processInstanceId=${started.body.id}&variableName=declined`)).body as any[];
    expect(vars[0]).toMatchObject({ value: true, type: 'Boolean' });
  });
});
