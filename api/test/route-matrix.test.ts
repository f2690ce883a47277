/**
 * Table-driven checks over every operation Baton serves (taken from Baton's OpenAPI document,
 * which `npm run openapi` derives from the Express route table): 401 without credentials,
 * 404 (never 500) for unknown ids, and 403/404 — never success, never a change — for an
 * authenticated user without any permission acting on other people's resources (IDOR).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBatonDocument } from '../src/openapi/request-validation';
import { ADMIN, authHeader, engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let nobody: Credentials;
const ids: Record<string, string> = {};

interface Operation {
  readonly method: string;
  readonly path: string;
}

const doc = loadBatonDocument();
const OPERATIONS: Operation[] = Object.entries(doc.paths)
  .filter(([path]) => !path.startsWith('/..'))
  .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
const key = (op: Operation) => `${op.method} ${op.path}`;

/** Public operations (liveness and version), as Camunda's. */
const PUBLIC = new Set(['GET /engine', 'GET /version']);

/** Bodies that pass validation, so that the id lookup is what answers. */
const BODIES: Record<string, unknown> = {
  'PUT /external-task/{id}/priority': { priority: 1 },
  'PUT /external-task/{id}/retries': { retries: 1 },
  'POST /external-task/{id}/complete': { workerId: 'w' },
  'POST /external-task/{id}/failure': { workerId: 'w', retries: 1, retryTimeout: 0 },
  'POST /external-task/{id}/bpmnError': { workerId: 'w', errorCode: 'E' },
  'POST /external-task/{id}/extendLock': { workerId: 'w', newDuration: 1000 },
  'POST /external-task/{id}/lock': { workerId: 'w', lockDuration: 1000 },
  'PUT /incident/{id}/annotation': { annotation: 'a' },
  'POST /execution/{id}/create-incident': { incidentType: 'custom' },
  'PUT /job/{id}/priority': { priority: 1 },
  'PUT /job/{id}/retries': { retries: 1 },
  'PUT /job/{id}/suspended': { suspended: true },
  'PUT /job/{id}/duedate': { duedate: '2030-01-01T00:00:00.000+0000' },
  'PUT /job-definition/{id}/suspended': { suspended: true },
  'PUT /process-instance/{id}/suspended': { suspended: true },
  'PUT /process-definition/{id}/suspended': { suspended: true },
  'PUT /process-definition/key/{key}/suspended': { suspended: true },
  'POST /task/{id}/assignee': { userId: 'nobody' },
  'POST /task/{id}/claim': { userId: 'nobody' },
  'POST /task/{id}/delegate': { userId: 'nobody' },
  'POST /task/{id}/identity-links': { type: 'candidate', userId: 'nobody' },
  'POST /task/{id}/identity-links/delete': { type: 'candidate', userId: 'nobody' },
  'POST /task/{id}/comment/create': { message: 'hi' },
  'PUT /history/user-operation/{operationId}/set-annotation': { annotation: 'a' },
};

/** Operations where an unknown path value is not a 404, and why. */
const NOT_404: Record<string, string> = {
  'GET /metrics/{metrics-name}/sum': 'the name is one of a fixed list of metrics: an unknown one is a 400',
  'DELETE /group/{id}/members/{userId}': 'removing a membership that does not exist succeeds, as in Camunda',
  'PUT /history/user-operation/{operationId}/set-annotation': 'Camunda answers 400 when no entry has the operation id',
  'PUT /history/user-operation/{operationId}/clear-annotation': 'Camunda answers 400 when no entry has the operation id',
};

/** Operations every signed-in user may use on others' resources, and why. */
const READABLE_BY_EVERYONE: Record<string, string> = {
  'GET /user/{id}/profile': 'users are a directory: the tasklist shows assignees and candidates by name',
  'GET /group/{id}': 'groups are a directory: the tasklist shows candidate groups by name',
};

function bodyOf(op: Operation, as: Credentials): unknown {
  if (op.method === 'GET' || op.method === 'DELETE') return undefined;
  // Changing a password needs the acting user's own password (checked before anything else).
  if (key(op) === 'PUT /user/{id}/credentials') return { password: 'new-password-1', authenticatedUserPassword: as.password };
  return BODIES[key(op)] ?? {};
}

beforeAll(async () => {
  s = await startTestServer('route-matrix');
  nobody = await s.createUser('nobody', []);
  await s.createUser('victim', ['victims']);
  const dep = await s.deploy({
    'u.bpmn': engineFixture('user-task.bpmn'), 'x.bpmn': engineFixture('external-task.bpmn'), 't.bpmn': engineFixture('timer-catch.bpmn'), 'n.bpmn': engineFixture('exclusive-no-default.bpmn'),
  });
  ids.deployment = dep.body.id;
  ids.definition = (await s.call('GET', '/process-definition/key/userTaskProcess')).body.id;
  ids.resource = (await s.call('GET', `/deployment/${ids.deployment}/resources`)).body[0].id;
  const started = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'victim' }, prio: { value: 1 } } });
  ids.instance = started.body.id;
  ids.task = (await s.call('GET', `/task?processInstanceId=${ids.instance}`)).body[0].id;
  ids.comment = (await s.call('POST', `/task/${ids.task}/comment/create`, { message: 'mine' })).body.id;
  const form = new FormData();
  form.append('attachment-name', 'a.txt');
  form.append('content', new Blob(['attached']), 'a.txt');
  ids.attachment = ((await (await fetch(`${s.base}/task/${ids.task}/attachment/create`, { method: 'POST', body: form, headers: authHeader(ADMIN) })).json()) as { id: string }).id;
  const ext = await s.call('POST', '/process-definition/key/externalProcess/start', { variables: { topic: { value: 'work' } } });
  ids.externalTask = (await s.call('GET', `/external-task?processInstanceId=${ext.body.id}`)).body[0].id;
  const timer = await s.call('POST', '/process-definition/key/timerCatch/start', { variables: { delay: { value: 'PT1H' } } });
  ids.job = (await s.call('GET', `/job?processInstanceId=${timer.body.id}`)).body[0].id;
  ids.jobDefinition = (await s.call('GET', '/job-definition')).body[0].id;
  const failing = await s.call('POST', '/process-definition/key/exclusiveNoDefault/start', { variables: { amount: { value: 5 } } });
  ids.incident = (await s.call('GET', `/incident?processInstanceId=${failing.body.id}`)).body[0].id;
  ids.variable = (await s.call('GET', `/variable-instance?processInstanceIdIn=${ids.instance}&variableName=subject`)).body[0].id;
  ids.historicActivity = (await s.call('GET', `/history/activity-instance?processInstanceId=${ids.instance}`)).body[0].id;
  ids.historicVariable = (await s.call('GET', `/history/variable-instance?processInstanceId=${ids.instance}`)).body[0].id;
  ids.operation = (await s.call('GET', '/history/user-operation?maxResults=1')).body[0].operationId;
  ids.filter = (await s.call('POST', '/filter/create', { resourceType: 'Task', name: 'admin only', query: {} })).body.id;
});
afterAll(async () => {
  await s?.close();
});

/** Real ids per path: the resource the path names decides which id an `{id}` is. */
function realPath(path: string): string {
  const resource = path.split('/')[1]!;
  const sub = path.split('/')[2];
  const idFor: Record<string, string> = {
    deployment: ids.deployment!, 'process-definition': ids.definition!, 'process-instance': ids.instance!, task: ids.task!, execution: ids.instance!,
    'external-task': ids.externalTask!, job: ids.job!, 'job-definition': ids.jobDefinition!, incident: ids.incident!, user: 'victim', group: 'victims',
    filter: ids.filter!, 'variable-instance': ids.variable!, tasklist: ids.task!,
  };
  const historyIdFor: Record<string, string> = { 'process-instance': ids.instance!, 'activity-instance': ids.historicActivity!, 'variable-instance': ids.historicVariable! };
  return path
    .replace('{key}', 'userTaskProcess')
    .replace('{resourceId}', ids.resource!)
    .replace('{commentId}', ids.comment!)
    .replace('{attachmentId}', ids.attachment!)
    .replace('{varName}', 'subject')
    .replace('{userId}', 'victim')
    .replace('{operationId}', ids.operation!)
    .replace('{metrics-name}', 'activity-instance-start')
    .replace('{id}', resource === 'history' ? historyIdFor[sub ?? '']! : idFor[resource]!);
}

describe('every operation', () => {
  it('answers 401 with an AuthenticationException body without credentials (except the public liveness and version)', async () => {
    const wrong: string[] = [];
    for (const op of OPERATIONS) {
      const res = await fetch(s.base + op.path.replace(/\{[^}]+\}/g, 'x'), { method: op.method });
      const expected = PUBLIC.has(key(op)) ? 200 : 401;
      const body = res.status === 401 ? ((await res.json()) as { type?: string }) : null;
      if (res.status !== expected || (expected === 401 && body?.type !== 'AuthenticationException')) wrong.push(`${key(op)} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(OPERATIONS.length).toBeGreaterThan(180);
  });

  it('answers 404 (never 500) for unknown ids', async () => {
    const wrong: string[] = [];
    for (const op of OPERATIONS.filter((o) => o.path.includes('{') && !NOT_404[key(o)])) {
      const res = await s.call(op.method, op.path.replace(/\{[^}]+\}/g, 'unknown-id'), bodyOf(op, ADMIN));
      if (res.status !== 404) wrong.push(`${key(op)} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 400 naming the parameter for malformed paging and sorting on every list operation', async () => {
    const wrong: string[] = [];
    const params = (op: Operation) => ((doc.paths[op.path] as Record<string, { parameters?: Array<{ name: string; in: string }> }>)[op.method.toLowerCase()]?.parameters ?? []).map((p) => p.name);
    for (const op of OPERATIONS.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      for (const [name, value] of [['maxResults', 'many'], ['firstResult', '-1'], ['sortBy', 'noSuchColumn']] as const) {
        if (!params(op).includes(name)) continue;
        const res = await s.call('GET', `${op.path}?${name}=${value}${name === 'sortBy' ? '&sortOrder=asc' : ''}`);
        if (res.status !== 400 || !String(res.body?.message).includes(name)) wrong.push(`${key(op)}?${name}=${value} → ${res.status} ${res.body?.message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 400 (never 500) to a malformed JSON body on every operation that takes one', async () => {
    const wrong: string[] = [];
    const withBody = OPERATIONS.filter((op) => (doc.paths[op.path] as Record<string, { requestBody?: { content?: Record<string, unknown> } }>)[op.method.toLowerCase()]?.requestBody?.content?.['application/json']);
    for (const op of withBody) {
      const res = await fetch(s.base + op.path.replace(/\{[^}]+\}/g, 'unknown-id'), { method: op.method, body: '{"oops":', headers: { ...authHeader(ADMIN), 'Content-Type': 'application/json' } });
      const body = (await res.json()) as { type?: string };
      if (res.status !== 400 || body.type !== 'InvalidRequestException') wrong.push(`${key(op)} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(withBody.length).toBeGreaterThan(50);
  });

  it("answers 403 or 404 to a user without permissions on other people's resources, and changes nothing", async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const op of OPERATIONS.filter((o) => o.path.includes('{') && !READABLE_BY_EVERYONE[key(o)])) {
      const res = await s.call(op.method, realPath(op.path), bodyOf(op, nobody), nobody);
      if (res.status !== 403 && res.status !== 404) wrong.push(`${key(op)} → ${res.status}`);
    }
    // Mutations that name their targets in the body (or act on everything) are refused too.
    for (const [method, path, body] of [
      ['PUT', '/external-task/retries', { externalTaskIds: [ids.externalTask], retries: 5 }],
      ['PUT', '/job/suspended', { processDefinitionKey: 'timerCatch', suspended: true }],
      ['PUT', '/process-definition/suspended', { processDefinitionKey: 'userTaskProcess', suspended: true }],
      ['PUT', '/process-instance/suspended', { processInstanceIds: [ids.instance], suspended: true }],
      ['PUT', '/process-instance/suspended', { processDefinitionKey: 'userTaskProcess', suspended: true }],
      ['POST', '/group/create', { id: 'g2', name: 'g2', type: 'x' }],
      ['POST', '/user/create', { profile: { id: 'u2' }, credentials: { password: 'pw-pw-pw-pw' } }],
      ['POST', '/telemetry/configuration', { enableTelemetry: true }],
      ['POST', '/deployment/create', {}],
    ] as const) {
      const res = await s.call(method, path, body, nobody);
      if (res.status !== 403) wrong.push(`${method} ${path} (body) → ${res.status}`);
    }
    // fetchAndLock locks only what the worker may work on: nothing.
    expect((await s.call('POST', '/external-task/fetchAndLock', { workerId: 'w', maxTasks: 5, topics: [{ topicName: 'work', lockDuration: 10000 }] }, nobody)).body).toEqual([]);
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // Every mutation is logged with its user: nobody has no entry at all.
    expect((await s.call('GET', '/history/user-operation/count?userId=nobody')).body).toEqual({ count: 0 });
    // The directory reads do answer.
    expect((await s.call('GET', '/user/victim/profile', undefined, nobody)).status).toBe(200);
  });
});

/** What the IDOR check must leave unchanged, read as the admin. */
async function snapshot() {
  const get = async (path: string) => {
    const res = await s.call('GET', path);
    expect(res.status, path).toBe(200);
    return res.body;
  };
  return {
    task: await get(`/task/${ids.task}`), instance: await get(`/process-instance/${ids.instance}`), deployment: await get(`/deployment/${ids.deployment}`),
    definition: await get(`/process-definition/${ids.definition}`), variables: await get(`/process-instance/${ids.instance}/variables`),
    comments: await get(`/task/${ids.task}/comment`), attachments: await get(`/task/${ids.task}/attachment`), links: await get(`/task/${ids.task}/identity-links`), job: await get(`/job/${ids.job}`),
    jobDefinition: await get(`/job-definition/${ids.jobDefinition}`), externalTask: await get(`/external-task/${ids.externalTask}`),
    incident: await get(`/incident/${ids.incident}`), user: await get('/user/victim/profile'), group: await get('/group/victims'),
    members: await get('/user?memberOfGroup=victims'), users: await get('/user/count'), groups: await get('/group/count'), deployments: await get('/deployment/count'),
    suspendedDefinitions: await get('/process-definition/count?suspended=true'), suspendedJobs: await get('/job/count?suspended=true'), filter: await get(`/filter/${ids.filter}`), operations: await get('/history/user-operation/count'),
    victimLogin: (await s.call('GET', '/task/count', undefined, { user: 'victim', password: 'victim-pw' })).status,
  };
}
