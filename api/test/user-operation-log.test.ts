import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;
let deploymentId: string;

const ops = async (query: string, as?: Credentials) => {
  const res = await s.call('GET', `/history/user-operation?${query}`, undefined, as);
  expect(res.status).toBe(200);
  return res.body as Array<Record<string, string | null>>;
};

beforeAll(async () => {
  s = await startTestServer('user-operation-log');
  john = await s.createUser('john', ['sales']);
  deploymentId = (await s.deploy({ 'u.bpmn': engineFixture('user-task.bpmn') })).body.id;
});
afterAll(async () => {
  await s?.close();
});

describe('user operation log: who did what', () => {
  it('records each task operation with the acting user, the property and old/new values, in order', async () => {
    const { body: started } = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'john' }, prio: { value: 50 } } });
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.id}`)).body;
    expect((await s.call('POST', `/task/${task.id}/unclaim`, {}, john)).status).toBe(204);
    expect((await s.call('POST', `/task/${task.id}/claim`, { userId: 'john' }, john)).status).toBe(204);
    expect((await s.call('PUT', `/task/${task.id}/localVariables/note`, { value: 'ok', type: 'String' }, john)).status).toBe(204);
    expect((await s.call('PUT', `/task/${task.id}`, { ...task, name: 'Review it', priority: 50 }, john)).status).toBe(204);
    expect((await s.call('POST', `/task/${task.id}/complete`, {}, john)).status).toBe(204);

    const entries = await ops(`processInstanceId=${started.id}&sortBy=timestamp&sortOrder=asc`);
    expect(entries.map((e) => [e.userId, e.operationType, e.entityType, e.property, e.orgValue, e.newValue])).toEqual([
      ['admin', 'Create', 'ProcessInstance', null, null, null],
      ['john', 'Claim', 'Task', 'assignee', 'john', null],
      ['john', 'Claim', 'Task', 'assignee', null, 'john'],
      ['john', 'SetVariable', 'Variable', null, null, null],
      ['john', 'Update', 'Task', 'name', task.name, 'Review it'],
      ['john', 'Complete', 'Task', 'delete', 'false', 'true'],
    ]);
    const complete = entries.at(-1)!;
    expect(complete).toMatchObject({ taskId: task.id, processDefinitionKey: 'userTaskProcess', processDefinitionId: started.definitionId, category: 'TaskWorker' });
    expect((await s.call('GET', `/history/user-operation/count?taskId=${task.id}&operationType=Claim`)).body).toEqual({ count: 2 });
    expect((await s.call('GET', `/history/user-operation/count?processInstanceId=${started.id}&userId=john&entityTypeIn=Task,Variable`)).body).toEqual({ count: 5 });
    expect(await ops(`processInstanceId=${started.id}&sortBy=timestamp&sortOrder=desc&maxResults=1`)).toEqual([complete]);
  });

  it('logs identity links as Add/Delete User/Group Link, and deleting history keeps only the record of the deletion', async () => {
    const { body: started } = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'john' }, prio: { value: 1 } } });
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.id}`)).body;
    expect((await s.call('POST', `/task/${task.id}/identity-links`, { type: 'candidate', groupId: 'accounting' }, john)).status).toBe(204);
    expect((await s.call('POST', `/task/${task.id}/identity-links/delete`, { type: 'candidate', userId: 'mary' }, john)).status).toBe(204);
    expect((await ops(`taskId=${task.id}`)).map((e) => [e.operationType, e.property, e.orgValue, e.newValue])).toEqual([
      ['AddGroupLink', 'candidate', null, 'accounting'], ['DeleteUserLink', 'candidate', 'mary', null],
    ]);
    expect((await s.call('POST', `/task/${task.id}/complete`, {}, john)).status).toBe(204);
    expect((await s.call('DELETE', `/history/process-instance/${started.id}`)).status).toBe(204);
    expect((await ops(`processInstanceId=${started.id}`)).map((e) => [e.userId, e.operationType, e.property, e.newValue])).toEqual([
      ['admin', 'DeleteHistory', 'nrOfInstances', '1'], ['admin', 'DeleteHistory', 'async', 'false'],
    ]);
  });

  it('writes nothing when the command fails (the entry shares the change’s transaction)', async () => {
    const { body: started } = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'mary' }, prio: { value: 1 } } });
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.id}`)).body;
    const before = (await s.call('GET', '/history/user-operation/count')).body.count;
    expect((await s.call('POST', `/task/${task.id}/claim`, { userId: 'admin' })).status).toBeGreaterThanOrEqual(400);
    expect((await s.call('GET', '/history/user-operation/count')).body.count).toBe(before);
  });

  it('logs operator actions: suspension, deletion, definition suspension, deployment delete', async () => {
    const { body: started } = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'john' }, prio: { value: 1 } } });
    expect((await s.call('PUT', `/process-instance/${started.id}/suspended`, { suspended: true })).status).toBe(204);
    expect((await s.call('DELETE', `/process-instance/${started.id}`)).status).toBe(204);
    expect((await ops(`processInstanceId=${started.id}&entityType=ProcessInstance`)).map((e) => [e.operationType, e.property, e.newValue])).toEqual([
      ['Create', null, null], ['Suspend', 'suspensionState', 'suspended'], ['Delete', null, null],
    ]);
    expect((await s.call('PUT', `/process-definition/${started.definitionId}/suspended`, { suspended: true })).status).toBe(204);
    expect((await ops(`processDefinitionId=${started.definitionId}&entityType=ProcessDefinition`)).map((e) => [e.operationType, e.newValue])).toEqual([['SuspendProcessDefinition', 'suspended']]);
    expect((await ops(`deploymentId=${deploymentId}&entityType=Deployment`)).map((e) => [e.operationType, e.property, e.newValue])).toEqual([['Create', 'duplicateFilterEnabled', 'false']]);
    expect((await s.call('DELETE', `/deployment/${deploymentId}?cascade=true`)).status).toBe(204);
    expect((await ops(`deploymentId=${deploymentId}&operationType=Delete`)).map((e) => [e.entityType, e.property, e.newValue, e.userId])).toEqual([['Deployment', 'cascade', 'true', 'admin']]);
  });

  it('annotates and clears an operation; the annotation itself is logged', async () => {
    const [entry] = await ops('operationType=Create&entityType=Deployment');
    const { operationId } = entry!;
    expect((await s.call('PUT', `/history/user-operation/${operationId}/set-annotation`, { annotation: 'release 1.2' })).status).toBe(204);
    expect((await ops(`operationId=${operationId}`)).map((e) => e.annotation)).toEqual(['release 1.2']);
    expect((await ops(`entityType=OperationLog&operationType=SetAnnotation`)).map((e) => [e.property, e.newValue])).toEqual([['operationId', operationId]]);
    expect((await s.call('PUT', `/history/user-operation/${operationId}/clear-annotation`, {})).status).toBe(204);
    expect((await ops(`operationId=${operationId}`)).map((e) => e.annotation)).toEqual([null]);
  });

  it('answers 400, 401, 403 and hides entries of definitions the user may not read', async () => {
    const [entry] = await ops('operationType=Create&entityType=Deployment');
    expect((await s.call('GET', '/history/user-operation', undefined, null)).status).toBe(401);
    expect((await s.call('GET', '/history/user-operation/count', undefined, null)).status).toBe(401);
    expect((await s.call('GET', '/history/user-operation?sortBy=name')).status).toBe(400);
    expect((await s.call('GET', '/history/user-operation?maxResults=many')).status).toBe(400);
    expect((await s.call('PUT', '/history/user-operation/no-such-operation/set-annotation', { annotation: 'x' })).status).toBe(400);
    expect((await s.call('PUT', `/history/user-operation/${entry!.operationId}/set-annotation`, { annotation: 42 })).status).toBe(400);
    const forbidden = await s.call('PUT', `/history/user-operation/${entry!.operationId}/set-annotation`, { annotation: 'mine' }, john);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.type).toBe('AuthorizationException');
    // john did operations himself, but without READ_HISTORY on the definition he sees none of them.
    expect(await ops('userId=john', john)).toEqual([]);
    expect((await s.call('GET', '/history/user-operation/count', undefined, john)).body).toEqual({ count: 0 });
  });

  it('records nothing with BATON_USER_OPERATION_LOG=off', async () => {
    const quiet = await startTestServer('user-operation-log-off', { BATON_USER_OPERATION_LOG: 'off' });
    try {
      await quiet.deploy({ 'u.bpmn': engineFixture('user-task.bpmn') });
      const { body: started } = await quiet.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'admin' }, prio: { value: 1 } } });
      const [task] = (await quiet.call('GET', `/task?processInstanceId=${started.id}`)).body;
      expect((await quiet.call('POST', `/task/${task.id}/complete`, {})).status).toBe(204);
      expect((await quiet.call('GET', '/history/user-operation/count')).body).toEqual({ count: 0 });
      // The log is off, not the user: who started the instance is still known.
      expect((await quiet.call('GET', `/history/process-instance/${started.id}`)).body.startUserId).toBe('admin');
    } finally {
      await quiet.close();
    }
  });
});
