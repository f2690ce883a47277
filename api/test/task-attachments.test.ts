import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;
let mary: Credentials;
let outsider: Credentials;
let taskId: string;

async function create(fields: Record<string, string>, content?: { bytes: string; filename: string; type: string }, as?: Credentials | null) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (content) form.append('content', new Blob([content.bytes], { type: content.type }), content.filename);
  const res = await fetch(`${s.base}/task/${taskId}/attachment/create`, { method: 'POST', body: form, headers: authHeader(as) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

beforeAll(async () => {
  s = await startTestServer('task-attachments');
  john = await s.createUser('john', ['sales']);
  mary = await s.createUser('mary', ['accounting']);
  outsider = await s.createUser('outsider', []);
  await s.deploy({ 'u.bpmn': engineFixture('user-task.bpmn') });
  const { body: started } = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'john' }, prio: { value: 1 } } });
  taskId = (await s.call('GET', `/task?processInstanceId=${started.id}`)).body[0].id;
});
afterAll(async () => {
  await s?.close();
});

describe('task attachments', () => {
  it('adds a URL and a file, lists them, serves the content, deletes one; adding and deleting are logged', async () => {
    const link = await create({ 'attachment-name': 'Spec', 'attachment-description': 'the spec', 'attachment-type': 'link', url: 'https://example.org/spec' }, undefined, john);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ name: 'Spec', description: 'the spec', type: 'link', url: 'https://example.org/spec', taskId });
    const file = await create({ 'attachment-name': 'invoice.pdf' }, { bytes: '%PDF-1.4 hello', filename: 'invoice.pdf', type: 'application/pdf' }, john);
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ name: 'invoice.pdf', type: 'application/pdf', url: null });

    const list = await s.call('GET', `/task/${taskId}/attachment`, undefined, john);
    expect(list.body.map((a: { name: string }) => a.name)).toEqual(['Spec', 'invoice.pdf']);
    expect((await s.call('GET', `/task/${taskId}/attachment/${file.body.id}`, undefined, john)).body).toEqual(file.body);
    const data = await fetch(`${s.base}/task/${taskId}/attachment/${file.body.id}/data`, { headers: authHeader(john) });
    expect([data.status, await data.text()]).toEqual([200, '%PDF-1.4 hello']);
    // A URL attachment has no content.
    expect((await fetch(`${s.base}/task/${taskId}/attachment/${link.body.id}/data`, { headers: authHeader(john) })).status).toBe(404);

    expect((await s.call('DELETE', `/task/${taskId}/attachment/${link.body.id}`, undefined, john)).status).toBe(204);
    expect((await s.call('GET', `/task/${taskId}/attachment`, undefined, john)).body).toHaveLength(1);
    const logged = (await s.call('GET', `/history/user-operation?taskId=${taskId}&entityType=Attachment`)).body;
    expect(logged.map((e: Record<string, string>) => [e.userId, e.operationType, e.newValue])).toEqual([
      ['john', 'AddAttachment', 'Spec'], ['john', 'AddAttachment', 'invoice.pdf'], ['john', 'DeleteAttachment', 'Spec'],
    ]);
  });

  it('answers 400, 401, 403 and 404 as the rest of the API', async () => {
    expect((await create({ 'attachment-name': 'nothing' }, undefined, john)).status).toBe(400);
    expect((await create({ url: 'https://x' }, undefined, null)).status).toBe(401);
    // mary is a candidate user (she sees the task) but john holds it: she may read, not add.
    expect((await s.call('GET', `/task/${taskId}/attachment`, undefined, mary)).status).toBe(200);
    expect((await create({ url: 'https://x' }, undefined, mary)).status).toBe(403);
    expect((await s.call('GET', `/task/${taskId}/attachment`, undefined, outsider)).status).toBe(403);
    const [att] = (await s.call('GET', `/task/${taskId}/attachment`, undefined, john)).body;
    expect((await s.call('DELETE', `/task/${taskId}/attachment/${att.id}`, undefined, mary)).status).toBe(403);
    expect((await s.call('GET', `/task/${taskId}/attachment/no-such-attachment`, undefined, john)).status).toBe(404);
    expect((await s.call('GET', '/task/no-such-task/attachment')).status).toBe(404);
    expect((await s.call('GET', `/task/${taskId}/attachment`, undefined, john)).body).toHaveLength(1);
  });

  it('keeps attachments readable after the task is completed (with READ_HISTORY), but no longer changeable', async () => {
    const [att] = (await s.call('GET', `/task/${taskId}/attachment`, undefined, john)).body;
    expect((await s.call('POST', `/task/${taskId}/complete`, {}, john)).status).toBe(204);
    expect((await s.call('GET', `/task/${taskId}/attachment`)).body.map((a: { id: string }) => a.id)).toEqual([att.id]);
    expect((await s.call('GET', `/task/${taskId}/attachment/${att.id}`)).body).toEqual(att);
    // john worked on the task but holds no READ_HISTORY on the definition.
    expect((await s.call('GET', `/task/${taskId}/attachment`, undefined, john)).status).toBe(403);
    expect((await create({ url: 'https://late' })).status).toBe(404);
    expect((await s.call('DELETE', `/task/${taskId}/attachment/${att.id}`)).status).toBe(404);
  });
});
