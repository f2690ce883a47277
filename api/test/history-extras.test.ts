import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;

async function finishedInstance(extra: Record<string, unknown> = {}) {
  const { body: started } = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'john' }, prio: { value: 1 }, ...extra } });
  const [task] = (await s.call('GET', `/task?processInstanceId=${started.id}`)).body;
  return { id: started.id as string, complete: async () => expect((await s.call('POST', `/task/${task.id}/complete`, {})).status).toBe(204) };
}

beforeAll(async () => {
  s = await startTestServer('history-extras');
  john = await s.createUser('john', ['sales']);
  await s.deploy({ 'u.bpmn': engineFixture('user-task.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

describe('who started an instance', () => {
  it('records the authenticated user as startUserId and filters by startedBy (Camunda 7)', async () => {
    const { id } = await finishedInstance();
    expect((await s.call('GET', `/history/process-instance/${id}`)).body).toMatchObject({ id, startUserId: 'admin' });
    const byAdmin = (await s.call('GET', '/history/process-instance?startedBy=admin')).body.map((h: { id: string }) => h.id);
    expect(byAdmin).toContain(id);
    expect((await s.call('GET', '/history/process-instance?startedBy=john')).body).toEqual([]);
  });
});

describe('historic process instance duration report', () => {
  it('reports minimum, maximum and average duration of completed instances per month and quarter of their start', async () => {
    await finishedInstance(); // still running: not part of the report
    for (let i = 0; i < 3; i++) await (await finishedInstance()).complete();
    const durations = (await s.call('GET', '/history/process-instance?finished=true')).body.map((h: { durationInMillis: number }) => h.durationInMillis);
    const now = new Date();
    const expected = (period: number, periodUnit: string) => [{
      period, periodUnit, minimum: Math.min(...durations), maximum: Math.max(...durations),
      average: Math.round(durations.reduce((a: number, b: number) => a + b, 0) / durations.length),
    }];
    expect((await s.call('GET', '/history/process-instance/report?reportType=duration&periodUnit=month')).body).toEqual(expected(now.getUTCMonth() + 1, 'MONTH'));
    expect((await s.call('GET', '/history/process-instance/report?reportType=duration&periodUnit=quarter&processDefinitionKeyIn=userTaskProcess')).body)
      .toEqual(expected(Math.floor(now.getUTCMonth() / 3) + 1, 'QUARTER'));
    expect((await s.call('GET', '/history/process-instance/report?reportType=duration&periodUnit=month&processDefinitionKeyIn=other')).body).toEqual([]);
    expect((await s.call('GET', '/history/process-instance/report?reportType=duration&periodUnit=month&startedAfter=2999-01-01T00:00:00.000%2B0000')).body).toEqual([]);
    // Without READ_HISTORY, nothing is reported.
    expect((await s.call('GET', '/history/process-instance/report?reportType=duration&periodUnit=month', undefined, john)).body).toEqual([]);
  });

  it('answers 400 for a missing or unknown report type or period unit', async () => {
    expect((await s.call('GET', '/history/process-instance/report?periodUnit=month')).status).toBe(400);
    expect((await s.call('GET', '/history/process-instance/report?reportType=count&periodUnit=month')).status).toBe(400);
    expect((await s.call('GET', '/history/process-instance/report?reportType=duration&periodUnit=week')).status).toBe(400);
    expect((await s.call('GET', '/history/process-instance/report?reportType=duration')).status).toBe(400);
  });
});

describe('deleting the variable history of an instance', () => {
  it('deletes historic variables and their files, keeps the files of live variables, and logs who did it', async () => {
    const file = { value: Buffer.from('kept').toString('base64'), type: 'File', valueInfo: { filename: 'k.txt' } };
    const done = await finishedInstance({ doc: file });
    await done.complete();
    const live = await finishedInstance({ doc: file });
    expect((await s.call('GET', `/history/variable-instance?processInstanceId=${done.id}`)).body.length).toBeGreaterThan(0);

    const fileOf = async (id: string) => (await s.db.store.pool.query(`SELECT value->>'fileId' AS f FROM history_variable WHERE process_instance_id = $1 AND name = 'doc'`, [id])).rows[0].f as string;
    const doneFile = await fileOf(done.id);
    const fileRows = async (id: string) => (await s.db.store.pool.query('SELECT id FROM variable_file WHERE id = $1', [id])).rows.length;
    expect(await fileRows(doneFile)).toBe(1);
    expect((await s.call('DELETE', `/history/process-instance/${done.id}/variable-instances`, undefined, john)).status).toBe(403);
    expect((await s.call('DELETE', `/history/process-instance/${done.id}/variable-instances`)).status).toBe(204);
    expect((await s.call('DELETE', `/history/process-instance/${live.id}/variable-instances`)).status).toBe(204);
    expect((await s.call('GET', `/history/variable-instance?processInstanceIdIn=${done.id},${live.id}`)).body).toEqual([]);
    expect((await s.call('GET', `/history/process-instance/${done.id}`)).status).toBe(200);
    expect(await fileRows(doneFile)).toBe(0);
    // The live instance's File variable still has its bytes.
    const data = await fetch(`${s.base}/process-instance/${live.id}/variables/doc/data`, { headers: authHeader() });
    expect([data.status, await data.text()]).toEqual([200, 'kept']);
    const [entry] = (await s.call('GET', `/history/user-operation?processInstanceId=${done.id}&entityType=Variable`)).body;
    expect(entry).toMatchObject({ operationType: 'DeleteHistory', userId: 'admin', processDefinitionKey: 'userTaskProcess' });
    expect((await s.call('DELETE', '/history/process-instance/no-such-instance/variable-instances')).status).toBe(404);
  });
});
