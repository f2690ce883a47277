/**
 * Tasklist lists and collaboration over HTTP: built-in lists with search, sort and counts,
 * saved filters (Camunda /filter with ${currentUser()} expressions, counts, sharing with a
 * group), comments, due date/priority/delegation, and the change version behind live updates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type Credentials, type TestServer } from './support/test-server';

const JOHN: Credentials = { user: 'john', password: 'john' };
const MARY: Credentials = { user: 'mary', password: 'mary' };
const PETER: Credentials = { user: 'peter', password: 'peter' };

let s: TestServer;

async function startInvoice(group: string, businessKey: string, amount = 100): Promise<string> {
  const res = await s.call('POST', '/process-definition/key/invoice-approval/start', {
    businessKey,
    variables: { creditor: { value: `Creditor ${businessKey}`, type: 'String' }, amount: { value: amount, type: 'Double' }, approverGroup: { value: group, type: 'String' } },
  });
  expect(res.status).toBe(200);
  const tasks = await s.call('GET', `/task?processInstanceId=${res.body.id}`);
  return tasks.body[0].id as string;
}

let salesA: string;
let salesB: string;
let accounting: string;

beforeAll(async () => {
  s = await startTestServer('tasklist-filters', { BATON_DEMO: 'true' });
  salesA = await startInvoice('sales', 'ACME-1', 50);
  salesB = await startInvoice('sales', 'Globex-2', 2000);
  accounting = await startInvoice('accounting', 'ACME-3', 10);
});
afterAll(() => s?.close());

describe('built-in lists', () => {
  it('shows each user only what they may see, with search, sorting and counts', async () => {
    const john = await s.call('GET', '/tasklist/tasks?list=all&sortBy=priority&sortOrder=desc', undefined, JOHN);
    expect(john.body.count).toBe(2);
    expect(john.body.items.map((t: { id: string }) => t.id)).toEqual([salesB, salesA]);
    expect(john.body.items[0]).toMatchObject({ processDefinitionName: 'Invoice approval', businessKey: 'Globex-2', candidateGroups: ['sales'] });
    const search = await s.call('GET', '/tasklist/tasks?list=all&search=acme', undefined, JOHN);
    expect(search.body.items.map((t: { id: string }) => t.id)).toEqual([salesA]);
    const byProcess = await s.call('GET', '/tasklist/tasks?list=all&search=invoice%20appr', undefined, MARY);
    expect(byProcess.body.items.map((t: { id: string }) => t.id)).toEqual([accounting]);
    const paged = await s.call('GET', '/tasklist/tasks?list=group&sortBy=created&sortOrder=asc&firstResult=1&maxResults=1', undefined, JOHN);
    expect(paged.body).toMatchObject({ count: 2, items: [{ id: salesB }] });

    expect((await s.call('POST', `/task/${salesA}/claim`, { userId: 'john' }, JOHN)).status).toBe(204);
    expect((await s.call('GET', '/tasklist/counts', undefined, JOHN)).body).toEqual({ mine: 1, group: 1, unassigned: 1, all: 2 });
    // The badges count in one pass; each equals the count of its own list, for every kind of user.
    for (const who of [JOHN, MARY, PETER, ADMIN]) {
      const badges = (await s.call('GET', '/tasklist/counts', undefined, who)).body as Record<string, number>;
      for (const list of ['mine', 'group', 'unassigned', 'all']) {
        expect([who.user, list, badges[list]]).toEqual([who.user, list, (await s.call('GET', `/tasklist/tasks?list=${list}`, undefined, who)).body.count]);
      }
    }
    expect((await s.call('GET', '/tasklist/counts', undefined, ADMIN)).body).toEqual({ mine: 0, group: 0, unassigned: 2, all: 3 });
    expect((await s.call('POST', `/task/${salesA}/unclaim`, {}, JOHN)).status).toBe(204);
  });
});

describe('saved filters', () => {
  it('resolve ${currentUser()} per user, count, and are private until shared with a group', async () => {
    const created = await s.call('POST', '/filter/create', {
      resourceType: 'Task', name: 'My candidate tasks', query: { candidateUserExpression: '${currentUser()}' }, properties: { priority: 1, description: 'mine' },
    }, JOHN);
    expect(created.status).toBe(200);
    expect(created.body.owner).toBe('john');
    const id = created.body.id as string;
    expect((await s.call('GET', `/filter/${id}/count`, undefined, JOHN)).body.count).toBe(2);
    const listed = await s.call('GET', '/filter?resourceType=Task&itemCount=true', undefined, JOHN);
    expect(listed.body).toEqual([expect.objectContaining({ id, name: 'My candidate tasks', itemCount: 2 })]);
    // Listed item counts come from one pass over john's tasks: each equals its filter's own count.
    const more = await s.call('POST', '/filter/create', { resourceType: 'Task', name: 'Big ones', query: { processDefinitionKey: 'invoice-approval', minPriority: 0, assigneeExpression: '${currentUser()}' } }, JOHN);
    expect(more.status).toBe(200);
    const counted = (await s.call('GET', '/filter?resourceType=Task&itemCount=true', undefined, JOHN)).body as { id: string; itemCount: number }[];
    expect(counted).toHaveLength(2);
    for (const f of counted) expect(f.itemCount).toBe((await s.call('GET', `/filter/${f.id}/count`, undefined, JOHN)).body.count);
    expect((await s.call('DELETE', `/filter/${more.body.id}`, undefined, JOHN)).status).toBe(204);
    expect((await s.call('GET', `/filter/${id}`, undefined, MARY)).status).toBe(403);
    expect((await s.call('GET', '/filter', undefined, MARY)).body).toEqual([]);

    expect((await s.call('PUT', `/filter/${id}/shares`, { groupIds: ['accounting'] }, JOHN)).status).toBe(204);
    expect((await s.call('GET', `/filter/${id}/shares`, undefined, JOHN)).body).toEqual({ groupIds: ['accounting'] });
    // The same filter, evaluated for mary: her own candidate tasks.
    const forMary = await s.call('GET', `/filter/${id}/list`, undefined, MARY);
    expect(forMary.body.map((t: { id: string }) => t.id)).toEqual([accounting]);
    expect((await s.call('PUT', `/filter/${id}`, { name: 'Hijacked', query: {} }, MARY)).status).toBe(403);
    expect((await s.call('GET', `/tasklist/tasks?filterId=${id}`, undefined, PETER)).status).toBe(403);

    expect((await s.call('PUT', `/filter/${id}`, { name: 'Sales', query: { candidateGroup: 'sales', includeAssignedTasks: true }, properties: {} }, JOHN)).status).toBe(204);
    expect((await s.call('GET', `/filter/${id}`, undefined, JOHN)).body).toMatchObject({ name: 'Sales', query: { candidateGroup: 'sales' } });
    expect((await s.call('DELETE', `/filter/${id}`, undefined, JOHN)).status).toBe(204);
    expect((await s.call('GET', `/filter/${id}`, undefined, JOHN)).status).toBe(404);
  });

  it('refuses arbitrary expressions and unknown query keys', async () => {
    const expr = await s.call('POST', '/filter/create', { name: 'x', query: { assigneeExpression: '${execution.getVariable("a")}' } }, JOHN);
    expect(expr.status).toBe(400);
    const key = await s.call('POST', '/filter/create', { name: 'x', query: { processVariables: [] } }, JOHN);
    expect(key.status).toBe(400);
    expect(key.body.message).toContain('processVariables');
  });
});

describe('task collaboration', () => {
  it('comments: add and list for users who see the task; 403 for others', async () => {
    const added = await s.call('POST', `/task/${salesA}/comment/create`, { message: 'Called the creditor.' }, JOHN);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ userId: 'john', taskId: salesA, message: 'Called the creditor.' });
    const listed = await s.call('GET', `/task/${salesA}/comment`, undefined, JOHN);
    expect(listed.body.map((c: { message: string }) => c.message)).toEqual(['Called the creditor.']);
    expect((await s.call('GET', `/task/${salesA}/comment`, undefined, MARY)).status).toBe(403);
    expect((await s.call('POST', `/task/${salesA}/comment/create`, { message: 'hi' }, MARY)).status).toBe(403);
    expect((await s.call('POST', `/task/${salesA}/comment/create`, { message: ' ' }, JOHN)).status).toBe(400);
  });

  it('due date and priority change for the assignee; delegation keeps the owner; identity links', async () => {
    expect((await s.call('PUT', `/task/${salesB}`, { priority: 90 }, JOHN)).status).toBe(403);
    await s.call('POST', `/task/${salesB}/claim`, { userId: 'john' }, JOHN);
    expect((await s.call('PUT', `/task/${salesB}`, { due: '2030-05-01T12:00:00.000+0000', priority: 90 }, JOHN)).status).toBe(204);
    expect((await s.call('GET', `/task/${salesB}`, undefined, JOHN)).body).toMatchObject({ due: '2030-05-01T12:00:00.000+0000', priority: 90 });
    expect((await s.call('PUT', `/task/${salesB}`, { priority: 'high' }, JOHN)).status).toBe(400);
    expect((await s.call('POST', `/task/${salesB}/delegate`, { userId: 'peter' }, JOHN)).status).toBe(204);
    expect((await s.call('GET', `/task/${salesB}`, undefined, PETER)).body).toMatchObject({ assignee: 'peter', owner: 'john' });
    const links = await s.call('GET', `/task/${salesB}/identity-links`, undefined, JOHN);
    expect(links.body).toEqual([
      { userId: 'peter', groupId: null, type: 'assignee' },
      { userId: 'john', groupId: null, type: 'owner' },
      { userId: null, groupId: 'sales', type: 'candidate' },
    ]);
  });

  it('the change version moves with task changes and answers 304 while unchanged', async () => {
    const first = await s.call('GET', '/tasklist/version', undefined, JOHN);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"tasks-\d+"$/);
    const res = await fetch(`${s.base}/tasklist/version`, { headers: { 'If-None-Match': etag, Authorization: `Basic ${Buffer.from('john:john').toString('base64')}` } });
    expect(res.status).toBe(304);
    await startInvoice('sales', 'Initech-4');
    const after = await s.call('GET', '/tasklist/version', undefined, JOHN);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(Number(after.body.version)).toBeGreaterThan(Number(first.body.version));
  });
});
