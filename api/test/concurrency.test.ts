import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('concurrency');
  await s.deploy({ 'parallel.bpmn': engineFixture('parallel-gateway.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

describe('concurrent commands on one instance', () => {
  it('two simultaneous completes of the two parallel branches both succeed and the join fires once', async () => {
    for (let round = 0; round < 10; round++) {
      const started = await s.call('POST', '/process-definition/key/parallel/start', {});
      const tasks = (await s.call('GET', `/task?processInstanceId=${started.body.id}`)).body as any[];
      expect(tasks.map((t) => t.taskDefinitionKey).sort()).toEqual(['taskA', 'taskB']);
      const results = await Promise.all(tasks.map((t) => s.call('POST', `/task/${t.id}/complete`, {})));
      expect(results.map((r) => r.status)).toEqual([204, 204]);
      const after = (await s.call('GET', `/task?processInstanceId=${started.body.id}`)).body as any[];
      expect(after.map((t) => t.taskDefinitionKey)).toEqual(['after']);
      const joins = (await s.call('GET', `/history/activity-instance?processInstanceId=${started.body.id}&activityId=after`)).body;
      expect(joins).toHaveLength(1);
    }
  });

  it('two simultaneous completes of the same task: exactly one wins, the other gets 404', async () => {
    const started = await s.call('POST', '/process-definition/key/parallel/start', {});
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.body.id}&taskDefinitionKey=taskA`)).body;
    const results = await Promise.all([1, 2, 3].map(() => s.call('POST', `/task/${task.id}/complete`, {})));
    expect(results.map((r) => r.status).sort()).toEqual([204, 404, 404]);
    const history = (await s.call('GET', `/history/activity-instance?processInstanceId=${started.body.id}&activityId=join`)).body;
    expect(history).toHaveLength(1);
  });
});
