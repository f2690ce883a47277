import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;

beforeAll(async () => {
  s = await startTestServer('task_bpmn_errors');
  john = await s.createUser('john', ['sales']);
  await s.deploy({ 'e.bpmn': engineFixture('user-task-errors.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

const start = async () => (await s.call('POST', '/process-definition/key/reviewWithErrors/start', {})).body.id as string;
const tasks = async (id: string) => (await s.call('GET', `/task?processInstanceId=${id}`)).body as any[];

describe('POST /task/{id}/bpmnError and /bpmnEscalation', () => {
  it('a BPMN error from a user task ends it and is caught by the boundary event of the enclosing sub-process', async () => {
    const id = await start();
    const [review] = await tasks(id);
    expect((await s.call('POST', `/task/${review.id}/bpmnError`, {})).status).toBe(400);
    expect((await s.call('POST', `/task/${review.id}/bpmnError`, { errorCode: 'INCOMPLETE' }, john)).status).toBe(403);
    const r = await s.call('POST', `/task/${review.id}/bpmnError`, {
      errorCode: 'INCOMPLETE', errorMessage: 'ID card missing', variables: { checked: { value: 3, type: 'Integer' } },
    });
    expect(r.status).toBe(204);
    expect((await tasks(id)).map((t) => t.taskDefinitionKey)).toEqual(['requestDocuments']);
    expect((await s.call('GET', `/process-instance/${id}/variables/why`)).body.value).toBe('ID card missing');
    expect((await s.call('GET', `/process-instance/${id}/variables/checked`)).body.value).toBe(3);
    expect((await s.call('POST', `/task/${review.id}/bpmnError`, { errorCode: 'INCOMPLETE' })).status).toBe(404);
  });

  it('an escalation from a user task starts the non-interrupting path; the task stays', async () => {
    const id = await start();
    const [review] = await tasks(id);
    expect((await s.call('POST', `/task/${review.id}/bpmnEscalation`, { escalationCode: 'NEED_HELP' })).status).toBe(204);
    expect((await tasks(id)).map((t) => t.taskDefinitionKey).sort()).toEqual(['assist', 'review']);
  });
});
