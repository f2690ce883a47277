import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;
let mary: Credentials;

beforeAll(async () => {
  s = await startTestServer('variables');
  john = await s.createUser('john', ['sales']);
  mary = await s.createUser('mary', ['sales']);
  const xml = engineFixture('user-task.bpmn').replace('camunda:assignee="${reviewer}"', '').replace('camunda:candidateGroups="sales, management"', 'camunda:candidateGroups="sales"');
  await s.deploy({ 'u.bpmn': xml, 't.bpmn': engineFixture('terminate-in-subprocess.bpmn'), 's.bpmn': engineFixture('straight-through.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

async function start(): Promise<{ id: string; taskId: string }> {
  const r = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 's' }, prio: { value: 1 }, keep: { value: 'x' } } });
  const [task] = (await s.call('GET', `/task?processInstanceId=${r.body.id}`)).body;
  return { id: r.body.id, taskId: task.id };
}

describe('process instance variables', () => {
  it('modifies, puts and deletes in single commands, with history', async () => {
    const { id } = await start();
    expect((await s.call('POST', `/process-instance/${id}/variables`, { modifications: { amount: { value: 5, type: 'Long' } }, deletions: ['keep'] })).status).toBe(204);
    let vars = (await s.call('GET', `/process-instance/${id}/variables`)).body;
    expect(vars.amount).toEqual({ value: 5, type: 'Long', valueInfo: {} });
    expect(vars.keep).toBeUndefined();
    expect((await s.call('PUT', `/process-instance/${id}/variables/when`, { value: '2025-01-02T03:04:05.000+0100', type: 'Date' })).status).toBe(204);
    expect((await s.call('GET', `/process-instance/${id}/variables/when`)).body.value).toBe('2025-01-02T02:04:05.000+0000');
    expect((await s.call('DELETE', `/process-instance/${id}/variables/amount`)).status).toBe(204);
    vars = (await s.call('GET', `/process-instance/${id}/variables`)).body;
    expect(Object.keys(vars).sort()).toEqual(['prio', 'subject', 'when']);
    // As Camunda: a deleted variable's history shows only with includeDeleted.
    expect((await s.call('GET', `/history/variable-instance?processInstanceId=${id}&variableName=amount`)).body).toEqual([]);
    const history = (await s.call('GET', `/history/variable-instance?processInstanceId=${id}&variableName=amount&includeDeleted=true`)).body;
    expect(history).toMatchObject([{ name: 'amount', state: 'DELETED', processDefinitionKey: 'userTaskProcess' }]);
    expect(history[0].processDefinitionId).toMatch(/^userTaskProcess:/);
    // By its id, a deleted variable's history is found (the id says which row is meant).
    expect((await s.call('GET', `/history/variable-instance/${history[0].id}`)).body).toMatchObject({ name: 'amount', state: 'DELETED' });
    const subjects = (await s.call('GET', `/history/variable-instance?processInstanceId=${id}&variableName=subject&variableValue=s&variableTypeIn=string`)).body;
    expect(subjects).toMatchObject([{ name: 'subject', value: 's' }]);
    expect((await s.call('GET', `/history/variable-instance?processInstanceId=${id}&variableTypeIn=Integer,Long`)).body.map((v: { name: string }) => v.name)).toEqual(['prio']);
    expect((await s.call('GET', `/history/variable-instance?processDefinitionKey=userTaskProcess&variableName=subject&processInstanceId=${id}`)).body).toHaveLength(1);
    expect((await s.call('PUT', `/process-instance/${id}/variables/bad`, { value: 'x', type: 'Integer' })).status).toBe(400);
    expect((await s.call('POST', `/process-instance/nope/variables`, { modifications: {} })).status).toBe(404);
  });

  it('needs UPDATE_INSTANCE on the definition', async () => {
    const { id } = await start();
    expect((await s.call('POST', `/process-instance/${id}/variables`, { modifications: { x: { value: 1 } } }, john)).status).toBe(403);
    expect((await s.call('GET', `/process-instance/${id}/variables`)).body.x).toBeUndefined();
  });
});

describe('task variables', () => {
  it('propagates `variables` to the instance and keeps `localVariables` on the task', async () => {
    const { id, taskId } = await start();
    expect((await s.call('PUT', `/task/${taskId}/variables/comment`, { value: 'looks fine', type: 'String' }, john)).status).toBe(204);
    expect((await s.call('PUT', `/task/${taskId}/localVariables/draft`, { value: true, type: 'Boolean' }, john)).status).toBe(204);
    expect((await s.call('GET', `/process-instance/${id}/variables`)).body.comment.value).toBe('looks fine');
    expect((await s.call('GET', `/process-instance/${id}/variables`)).body.draft).toBeUndefined();
    expect((await s.call('GET', `/task/${taskId}/localVariables`, undefined, john)).body).toEqual({ draft: { value: true, type: 'Boolean', valueInfo: {} } });
    expect((await s.call('GET', `/task/${taskId}/variables/draft`, undefined, john)).body.value).toBe(true);
    expect((await s.call('GET', `/task/${taskId}/localVariables/comment`, undefined, john)).status).toBe(404);
    expect((await s.call('POST', `/task/${taskId}/localVariables`, { deletions: ['draft'] }, john)).status).toBe(204);
    expect((await s.call('GET', `/task/${taskId}/localVariables`, undefined, john)).body).toEqual({});
    expect((await s.call('POST', `/task/${taskId}/variables`, { modifications: { subject: { value: 'changed' } } }, john)).status).toBe(204);
    expect((await s.call('GET', `/process-instance/${id}/variables/subject`)).body.value).toBe('changed');
  });

  it('refuses changes by users who may not work on the task', async () => {
    const { taskId } = await start();
    const outsider = await s.createUser('outsider', ['accounting']);
    expect((await s.call('PUT', `/task/${taskId}/variables/x`, { value: 1 }, outsider)).status).toBe(403);
    expect((await s.call('POST', `/task/${taskId}/claim`, { userId: 'john' }, john)).status).toBe(204);
    expect((await s.call('PUT', `/task/${taskId}/variables/x`, { value: 1 }, mary)).status).toBe(403);
  });
});

describe('delegation and task updates through the engine', () => {
  it('delegates to a colleague who resolves it back to the owner', async () => {
    const { id, taskId } = await start();
    await s.call('POST', `/task/${taskId}/claim`, { userId: 'john' }, john);
    expect((await s.call('POST', `/task/${taskId}/delegate`, { userId: 'mary' }, john)).status).toBe(204);
    expect((await s.call('GET', `/task/${taskId}`)).body).toMatchObject({ owner: 'john', assignee: 'mary', delegationState: 'PENDING' });
    expect((await s.call('POST', `/task/${taskId}/resolve`, { variables: { checked: { value: true } } }, mary)).status).toBe(204);
    expect((await s.call('GET', `/task/${taskId}`)).body).toMatchObject({ owner: 'john', assignee: 'john', delegationState: 'RESOLVED' });
    expect((await s.call('GET', `/process-instance/${id}/variables/checked`)).body.value).toBe(true);
    expect((await s.call('POST', `/task/${taskId}/resolve`, {}, john)).status).toBe(400);
    expect((await s.call('PUT', `/task/${taskId}`, { name: 'Renamed', priority: 77, due: '2031-01-01T00:00:00.000+0000' }, john)).status).toBe(204);
    expect((await s.call('GET', `/task/${taskId}`)).body).toMatchObject({ name: 'Renamed', priority: 77, due: '2031-01-01T00:00:00.000+0000' });
    expect((await s.call('GET', `/history/task?taskId=${taskId}`)).body).toMatchObject([{ name: 'Renamed', priority: 77, owner: 'john' }]);
    // Assignee and owner are fields of the update too (Camunda 7's TaskDto).
    expect((await s.call('PUT', `/task/${taskId}`, { assignee: 'mary', owner: 'peter' }, john)).status).toBe(204);
    expect((await s.call('GET', `/task/${taskId}`)).body).toMatchObject({ name: 'Renamed', assignee: 'mary', owner: 'peter' });
    expect((await s.call('PUT', `/task/${taskId}`, { delegationState: 'LOST' }, john)).status).toBe(400);
  });
});

describe('submit-form and variables in return (Camunda 7)', () => {
  it('submit-form resolves a delegated task back to its owner and completes any other', async () => {
    const { id, taskId } = await start();
    await s.call('POST', `/task/${taskId}/claim`, { userId: 'john' }, john);
    await s.call('POST', `/task/${taskId}/delegate`, { userId: 'mary' }, john);
    expect((await s.call('POST', `/task/${taskId}/submit-form`, { variables: { checked: { value: true } } }, mary)).status).toBe(204);
    expect((await s.call('GET', `/task/${taskId}`)).body).toMatchObject({ owner: 'john', assignee: 'john', delegationState: 'RESOLVED' });
    expect((await s.call('GET', `/history/process-instance/${id}`)).body.state).toBe('ACTIVE');
    const done = await s.call('POST', `/task/${taskId}/submit-form`, { variables: { approved: { value: true } }, withVariablesInReturn: true }, john);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ approved: { value: true, type: 'Boolean' }, checked: { value: true }, subject: { value: 's' } });
    expect((await s.call('GET', `/task/${taskId}`)).status).toBe(404);
    expect((await s.call('GET', `/history/process-instance/${id}`)).body.state).toBe('COMPLETED');
  });

  it('returns the variables of an instance that ended, on start and on complete', async () => {
    const started = await s.call('POST', '/process-definition/key/straightThrough/start', { variables: { n: { value: 7, type: 'Integer' } }, withVariablesInReturn: true });
    expect(started.body).toMatchObject({ ended: true, variables: { n: { value: 7, type: 'Integer' } } });
    const { taskId } = await start();
    const done = await s.call('POST', `/task/${taskId}/complete`, { variables: { ok: { value: 'yes' } }, withVariablesInReturn: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ ok: { value: 'yes', type: 'String' }, subject: { value: 's' }, keep: { value: 'x' } });
  });
});

describe('request bodies', () => {
  it('a body that is not JSON is refused with 415 and changes nothing (Camunda 7: NotSupportedException)', async () => {
    const { taskId } = await start();
    const res = await fetch(`${s.base}/task/${taskId}/complete`, { method: 'POST', headers: { ...authHeader(), 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ type: 'NotSupportedException' });
    expect((await s.call('GET', `/task/${taskId}`)).status).toBe(200);
    const json = await fetch(`${s.base}/task/${taskId}/complete`, { method: 'POST', headers: { ...authHeader(), 'Content-Type': 'application/json; charset=utf-8' }, body: '{}' });
    expect(json.status).toBe(204);
  });
});

describe('execution-local variables', () => {
  it('writes on the instance and sub-process scope executions, not on concurrent paths', async () => {
    const r = await s.call('POST', '/process-definition/key/terminateInSub/start', {});
    const executions = (await s.call('GET', `/execution?processInstanceId=${r.body.id}`)).body.map((e: any) => e.id);
    expect((await s.call('PUT', `/execution/${r.body.id}/localVariables/x`, { value: 1, type: 'Integer' })).status).toBe(204);
    expect((await s.call('GET', `/execution/${r.body.id}/localVariables`)).body.x.value).toBe(1);
    const token = executions.find((e: string) => e !== r.body.id);
    const onToken = await s.call('PUT', `/execution/${token}/localVariables/y`, { value: 1 });
    expect([204, 400]).toContain(onToken.status);
    expect((await s.call('DELETE', `/execution/${r.body.id}/localVariables/x`)).status).toBe(204);
    expect((await s.call('GET', `/execution/${r.body.id}/localVariables`)).body.x).toBeUndefined();
    expect((await s.call('POST', `/execution/nope/localVariables`, { modifications: {} })).status).toBe(404);
  });
});
