import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;
let mary: Credentials;
let root: string;

beforeAll(async () => {
  s = await startTestServer('auth');
  root = s.base.replace('/engine-rest', '');
  john = await s.createUser('john', ['sales']);
  mary = await s.createUser('mary', ['accounting']);
  const xml = engineFixture('user-task.bpmn').replace('camunda:candidateGroups="sales, management"', 'camunda:candidateGroups="${group}"').replace('camunda:assignee="${reviewer}"', '').replace('camunda:candidateUsers="mary"', '');
  expect((await s.deploy({ 'review.bpmn': xml })).status).toBe(200);
  for (const group of ['sales', 'accounting']) {
    await s.call('POST', '/authorization/create', { type: 1, groupId: group, resourceType: 6, resourceId: 'userTaskProcess', permissions: ['READ', 'CREATE_INSTANCE'] });
  }
});
afterAll(async () => {
  await s?.close();
});

async function startFor(group: string): Promise<{ instanceId: string; taskId: string }> {
  const r = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, prio: { value: 1 }, group: { value: group } } });
  expect(r.status).toBe(200);
  const [task] = (await s.call('GET', `/task?processInstanceId=${r.body.id}`)).body;
  return { instanceId: r.body.id, taskId: task.id };
}

async function login(user: string, password: string) {
  const res = await fetch(`${root}/baton/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password }) });
  const cookies = res.headers.getSetCookie();
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  return { status: res.status, body: (await res.json()) as any, cookie, raw: cookies };
}

describe('authentication', () => {
  it('keeps the liveness check public and everything else behind a login', async () => {
    expect((await s.call('GET', '/engine', undefined, null)).status).toBe(200);
    const r = await s.call('GET', '/task', undefined, null);
    expect(r.status).toBe(401);
    expect(r.body.type).toBe('AuthenticationException');
    // The Basic challenge (clients that answer it with credentials), not for the web apps' requests.
    expect(r.headers.get('www-authenticate')).toBe('Basic realm="Baton"');
    const fromApp = await fetch(`${s.base}/task`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect([fromApp.status, fromApp.headers.get('www-authenticate')]).toEqual([401, null]);
    expect((await s.call('GET', '/task', undefined, { user: 'john', password: 'wrong' })).status).toBe(401);
    expect((await s.call('GET', '/task', undefined, { user: 'nobody', password: 'x' })).status).toBe(401);
    expect((await s.call('GET', '/task', undefined, john)).status).toBe(200);
  });

  it('signs in with a session cookie (httpOnly, SameSite) and requires the CSRF header on mutations', async () => {
    const bad = await login('john', 'nope');
    expect(bad.status).toBe(401);
    const ok = await login('john', john.password);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ userId: 'john', groups: ['sales'], admin: false });
    expect(ok.raw.find((c) => c.startsWith('baton.sid='))).toMatch(/HttpOnly/i);
    expect(ok.raw.find((c) => c.startsWith('baton.sid='))).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${root}/baton/api/me`, { headers: { cookie: ok.cookie } });
    expect(await me.json()).toMatchObject({ userId: 'john', csrfToken: ok.body.csrfToken });

    const { taskId } = await startFor('sales');
    const noCsrf = await fetch(`${s.base}/task/${taskId}/claim`, { method: 'POST', headers: { cookie: ok.cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: 'john' }) });
    expect(noCsrf.status).toBe(403);
    expect((await s.call('GET', `/task/${taskId}`)).body.assignee).toBeNull();
    const withCsrf = await fetch(`${s.base}/task/${taskId}/claim`, {
      method: 'POST', headers: { cookie: ok.cookie, 'Content-Type': 'application/json', 'X-XSRF-TOKEN': ok.body.csrfToken }, body: JSON.stringify({ userId: 'john' }),
    });
    expect(withCsrf.status).toBe(204);
    const tampered = await fetch(`${s.base}/task`, { headers: { cookie: ok.cookie.replace(/baton\.sid=([^.]+)\./, 'baton.sid=$1x.') } });
    expect(tampered.status).toBe(401);
  });

  it('rate-limits repeated failed logins', async () => {
    await s.createUser('victim', []);
    for (let i = 0; i < 5; i++) expect((await login('victim', `guess-${i}`)).status).toBe(401);
    const blocked = await login('victim', 'victim-pw');
    expect(blocked.status).toBe(429);
    expect((await s.call('GET', '/task', undefined, { user: 'victim', password: 'victim-pw' })).status).toBe(429);
  });
});

describe('authorization on tasks (no IDOR)', () => {
  it('a user sees only tasks of their groups, in lists and by id', async () => {
    const sales = await startFor('sales');
    const accounting = await startFor('accounting');
    const johnsList = (await s.call('GET', '/task', undefined, john)).body.map((t: any) => t.id);
    expect(johnsList).toContain(sales.taskId);
    expect(johnsList).not.toContain(accounting.taskId);
    expect((await s.call('GET', '/task/count', undefined, john)).body.count).toBe(johnsList.length);
    expect((await s.call('GET', `/task?candidateGroup=accounting`, undefined, john)).body).toEqual([]);
    const direct = await s.call('GET', `/task/${accounting.taskId}`, undefined, john);
    expect(direct.status).toBe(403);
    expect(direct.body.type).toBe('AuthorizationException');
    expect((await s.call('GET', `/task/${accounting.taskId}/variables`, undefined, john)).status).toBe(403);
  });

  it("acting on another group's task by id fails with 403 and changes nothing", async () => {
    const { taskId, instanceId } = await startFor('accounting');
    for (const [path, body] of [
      [`/task/${taskId}/complete`, { variables: { leaked: { value: 1, type: 'Integer' } } }],
      [`/task/${taskId}/claim`, { userId: 'john' }],
      [`/task/${taskId}/assignee`, { userId: 'john' }],
      [`/task/${taskId}/unclaim`, {}],
      [`/task/${taskId}/submit-form`, {}],
    ] as const) {
      expect((await s.call('POST', path, body, john)).status).toBe(403);
    }
    const after = await s.call('GET', `/task/${taskId}`);
    expect(after.body).toMatchObject({ id: taskId, assignee: null });
    expect((await s.call('GET', `/process-instance/${instanceId}`)).status).toBe(200);
    expect((await s.call('GET', `/process-instance/${instanceId}/variables`)).body).not.toHaveProperty('leaked');
  });

  it("a claimed task cannot be completed by another candidate; its assignee can", async () => {
    const peter = await s.createUser('peter', ['accounting']);
    const { taskId, instanceId } = await startFor('accounting');
    expect((await s.call('POST', `/task/${taskId}/claim`, { userId: 'mary' }, mary)).status).toBe(204);
    expect((await s.call('POST', `/task/${taskId}/claim`, { userId: 'peter' }, peter)).status).toBe(500);
    expect((await s.call('POST', `/task/${taskId}/complete`, {}, peter)).status).toBe(403);
    expect((await s.call('POST', `/task/${taskId}/claim`, { userId: 'mary' }, peter)).status).toBe(403);
    expect((await s.call('POST', `/task/${taskId}/complete`, {}, mary)).status).toBe(204);
    expect((await s.call('GET', `/history/process-instance/${instanceId}`)).body.state).toBe('COMPLETED');
  });

  it('query input is data, never SQL or an expression', async () => {
    await startFor('sales');
    const injected = await s.call('GET', `/task?assignee=${encodeURIComponent("x' OR '1'='1")}`, undefined, john);
    expect(injected.status).toBe(200);
    expect(injected.body).toEqual([]);
    const expression = await s.call('GET', `/task?nameLike=${encodeURIComponent("${''.getClass().forName('java.lang.Runtime')}")}`, undefined, john);
    expect(expression.status).toBe(200);
    expect(expression.body).toEqual([]);
    expect((await s.call('GET', `/task?sortBy=${encodeURIComponent('created; DROP TABLE user_task')}&sortOrder=asc`, undefined, john)).status).toBe(400);
    expect((await s.call('GET', '/task/count')).body.count).toBeGreaterThan(0);
  });
});

describe('authorization on definitions, instances, history and deployments', () => {
  it('only admins (or holders of a deployment grant) deploy; nothing is stored on 403', async () => {
    const before = (await s.call('GET', '/deployment/count')).body.count;
    const r = await s.deploy({ 'x.bpmn': engineFixture('straight-through.bpmn') }, {}, john);
    expect(r.status).toBe(403);
    expect((await s.call('GET', '/deployment/count')).body.count).toBe(before);
    expect((await s.call('GET', '/deployment', undefined, john)).status).toBe(403);
  });

  it('definitions are visible and startable per authorization', async () => {
    await s.deploy({ 'secret.bpmn': engineFixture('straight-through.bpmn') });
    const visible = (await s.call('GET', '/process-definition', undefined, john)).body.map((d: any) => d.key);
    expect(visible).toEqual(['userTaskProcess']);
    expect((await s.call('GET', '/process-definition/count', undefined, john)).body.count).toBe(1);
    expect((await s.call('GET', '/process-definition/key/straightThrough', undefined, john)).status).toBe(403);
    expect((await s.call('GET', '/process-definition/key/straightThrough/xml', undefined, john)).status).toBe(403);
    expect((await s.call('POST', '/process-definition/key/straightThrough/start', {}, john)).status).toBe(403);
    // An unknown key is a 404 for everyone, as before the start stopped reading the definition first.
    const unknown = await s.call('POST', '/process-definition/key/noSuchProcess/start', {}, john);
    expect([unknown.status, unknown.body.message]).toEqual([404, 'No matching process definition with key: noSuchProcess and no tenant-id']);
    expect((await s.call('POST', '/process-definition/key/noSuchProcess/start', {})).status).toBe(404);
    expect((await s.call('GET', '/process-definition?key=straightThrough', undefined, john)).body).toEqual([]);
    expect((await s.call('GET', '/process-definition', undefined)).body.length).toBe(2);
  });

  it('instances and history need READ_INSTANCE / READ_HISTORY on the definition', async () => {
    const { instanceId } = await startFor('sales');
    expect((await s.call('GET', `/process-instance/${instanceId}`, undefined, john)).status).toBe(403);
    expect((await s.call('GET', `/process-instance?processDefinitionKey=userTaskProcess`, undefined, john)).body).toEqual([]);
    expect((await s.call('GET', `/history/process-instance/${instanceId}`, undefined, john)).status).toBe(404);
    expect((await s.call('GET', `/history/activity-instance?processInstanceId=${instanceId}`, undefined, john)).body).toEqual([]);
    const grant = await s.call('POST', '/authorization/create', { type: 1, userId: 'john', resourceType: 6, resourceId: 'userTaskProcess', permissions: ['READ_INSTANCE', 'READ_HISTORY'] });
    expect(grant.status).toBe(200);
    expect((await s.call('GET', `/process-instance/${instanceId}`, undefined, john)).status).toBe(200);
    expect((await s.call('GET', `/history/process-instance/${instanceId}`, undefined, john)).status).toBe(200);
    expect((await s.call('GET', `/history/activity-instance?processInstanceId=${instanceId}`, undefined, john)).body.length).toBeGreaterThan(0);
    expect((await s.call('DELETE', `/process-instance/${instanceId}`, undefined, john)).status).toBe(403);
    expect((await s.call('DELETE', `/authorization/${grant.body.id}`)).status).toBe(204);
    expect((await s.call('GET', `/process-instance/${instanceId}`, undefined, john)).status).toBe(403);
  });
});

describe('identity and authorization resources', () => {
  it('manages users, groups and memberships (admin only) and verifies credentials', async () => {
    expect((await s.call('POST', '/user/create', { profile: { id: 'eve' }, credentials: { password: 'x' } }, john)).status).toBe(403);
    expect((await s.call('GET', '/user?memberOfGroup=sales', undefined, john)).body).toMatchObject([{ id: 'john' }]);
    expect((await s.call('GET', '/user/john/profile', undefined, mary)).body).toMatchObject({ id: 'john', firstName: 'john' });
    expect((await s.call('PUT', '/user/mary/profile', { firstName: 'M' }, john)).status).toBe(403);
    expect((await s.call('PUT', '/user/john/profile', { firstName: 'Johnny', lastName: 'D' }, john)).status).toBe(204);
    expect((await s.call('GET', '/group?member=john', undefined, john)).body).toMatchObject([{ id: 'sales' }]);
    expect((await s.call('POST', '/identity/verify', { username: 'john', password: john.password }, john)).body).toEqual({ authenticatedUser: 'john', authenticated: true });
    expect((await s.call('POST', '/identity/verify', { username: 'john', password: 'no' }, john)).body.authenticated).toBe(false);
    const groups = (await s.call('GET', '/identity/groups?userId=mary', undefined, mary)).body;
    expect(groups.groups).toEqual([{ id: 'accounting', name: 'accounting' }]);
    expect((await s.call('PUT', '/group/sales/members/mary', undefined, john)).status).toBe(403);
    expect((await s.call('PUT', '/user/john/credentials', { password: 'new-pw', authenticatedUserPassword: 'wrong' }, john)).status).toBe(400);
    expect((await s.call('PUT', '/user/john/credentials', { password: 'new-pw', authenticatedUserPassword: john.password }, john)).status).toBe(204);
    expect((await s.call('GET', '/task', undefined, { user: 'john', password: 'new-pw' })).status).toBe(200);
    expect((await s.call('PUT', '/user/john/credentials', { password: john.password, authenticatedUserPassword: 'new-pw' }, { user: 'john', password: 'new-pw' })).status).toBe(204);
  });

  it('checks and lists authorizations', async () => {
    const check = await s.call('GET', '/authorization/check?permissionName=CREATE_INSTANCE&resourceType=6&resourceId=userTaskProcess', undefined, john);
    expect(check.body).toMatchObject({ authorized: true, resourceName: 'process_definition' });
    expect((await s.call('GET', '/authorization/check?permissionName=CREATE&resourceType=9', undefined, john)).body.authorized).toBe(false);
    expect((await s.call('GET', '/authorization/check?permissionName=CREATE&resourceType=9')).body.authorized).toBe(true);
    const mine = (await s.call('GET', '/authorization', undefined, john)).body;
    expect(mine.every((a: any) => a.groupId === 'sales' || a.userId === 'john' || a.type === 0)).toBe(true);
    expect((await s.call('POST', '/authorization/create', { type: 1, userId: 'john', resourceType: 9, resourceId: '*', permissions: ['CREATE'] }, john)).status).toBe(403);
    const bad = await s.call('POST', '/authorization/create', { type: 7, resourceType: 9, permissions: ['CREATE'] });
    expect(bad.status).toBe(400);
  });

  it('a revoke beats a group grant', async () => {
    const revoke = await s.call('POST', '/authorization/create', { type: 2, userId: 'john', resourceType: 6, resourceId: 'userTaskProcess', permissions: ['CREATE_INSTANCE'] });
    expect((await s.call('POST', '/process-definition/key/userTaskProcess/start', {}, john)).status).toBe(403);
    await s.call('DELETE', `/authorization/${revoke.body.id}`);
    const r = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, prio: { value: 1 }, group: { value: 'sales' } } }, john);
    expect(r.status).toBe(200);
  });
});
