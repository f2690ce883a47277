import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('deployment');
});
afterAll(async () => {
  await s?.close();
});

async function persistedRows(): Promise<number> {
  const r = await s.db.store.pool.query(`SELECT (SELECT count(*) FROM deployment) + (SELECT count(*) FROM resource) + (SELECT count(*) FROM process_definition) AS n`);
  return Number(r.rows[0].n);
}

describe('deployment semantics', () => {
  it('deploy-changed-only: unchanged creates no version, changed creates n+1; instances keep their version', async () => {
    const xml = engineFixture('user-task.bpmn');
    const first = await s.deploy({ 'review.bpmn': xml }, { 'deployment-name': 'review', 'deploy-changed-only': 'true' });
    expect(Object.values(first.body.deployedProcessDefinitions)).toMatchObject([{ key: 'userTaskProcess', version: 1 }]);
    const v1 = (Object.values(first.body.deployedProcessDefinitions) as any[])[0].id;
    const started = await s.call('POST', '/process-definition/key/userTaskProcess/start', {
      variables: { subject: { value: 's' }, reviewer: { value: 'john' }, prio: { value: 10 } },
    });
    expect(started.status).toBe(200);

    const same = await s.deploy({ 'review.bpmn': xml }, { 'deployment-name': 'review', 'deploy-changed-only': 'true' });
    expect(same.status).toBe(200);
    expect(same.body.id).toBe(first.body.id);
    expect(same.body.deployedProcessDefinitions).toBeNull();
    expect((await s.call('GET', '/process-definition?key=userTaskProcess')).body).toHaveLength(1);

    const changed = await s.deploy({ 'review.bpmn': xml.replace('name="User task"', 'name="User task v2"') }, { 'deployment-name': 'review', 'deploy-changed-only': 'true' });
    expect(Object.values(changed.body.deployedProcessDefinitions)).toMatchObject([{ key: 'userTaskProcess', version: 2, name: 'User task v2' }]);
    const latest = await s.call('GET', '/process-definition/key/userTaskProcess');
    expect(latest.body.version).toBe(2);
    expect((await s.call('GET', '/process-definition?key=userTaskProcess&latestVersion=true')).body).toMatchObject([{ version: 2 }]);

    // Without the flag every deployment is a new version.
    const again = await s.deploy({ 'review.bpmn': xml }, { 'deployment-name': 'review' });
    expect(Object.values(again.body.deployedProcessDefinitions)).toMatchObject([{ version: 3 }]);

    const instance = await s.call('GET', `/process-instance/${started.body.id}`);
    expect(instance.body.definitionId).toBe(v1);
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.body.id}`)).body;
    expect(task.processDefinitionId).toBe(v1);
    expect((await s.call('POST', `/task/${task.id}/complete`, {})).status).toBe(204);

    const xmlRes = await s.call('GET', `/process-definition/${v1}/xml`);
    expect(xmlRes.body.bpmn20Xml).toBe(xml);
    const resources = await s.call('GET', `/deployment/${first.body.id}/resources`);
    expect(resources.body).toMatchObject([{ name: 'review.bpmn', deploymentId: first.body.id }]);
    const data = await fetch(`${s.base}/deployment/${first.body.id}/resources/${resources.body[0].id}/data`, { headers: authHeader() });
    expect(await data.text()).toBe(xml);
    expect((await s.call('GET', '/deployment?name=review')).body.length).toBe(3);
    expect((await s.call('GET', '/deployment/count?name=review')).body).toEqual({ count: 3 });
  });
});

describe('hostile and invalid input is rejected with nothing persisted', () => {
  const hostile: Record<string, string> = {
    'xxe.bpmn': `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
      <bpmn:process id="p" name="&xxe;" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process></bpmn:definitions>`,
    'laughs.bpmn': `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="p" name="&lol3;"/></bpmn:definitions>`,
    'malformed.bpmn': `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p"><bpmn:startEvent id="s"></bpmn:process>`,
    'not-xml.bpmn': `this is not xml at all {}`,
  };

  for (const [name, content] of Object.entries(hostile)) {
    it(`rejects ${name} with 400 and a Camunda-style body`, async () => {
      const before = await persistedRows();
      const r = await s.deploy({ [name]: content, 'ok.bpmn': engineFixture('straight-through.bpmn') });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ type: 'ParseException' });
      expect(r.body.message).toContain(name);
      expect(await persistedRows()).toBe(before);
    });
  }

  it('names every unsupported element and its id', async () => {
    const before = await persistedRows();
    const r = await s.deploy({ 'unsupported.bpmn': engineFixture('unsupported-elements.bpmn') });
    expect(r.status).toBe(400);
    const errors = r.body.details['unsupported.bpmn'].errors;
    expect(errors.map((e: any) => e.mainElementId).sort()).toEqual(['gw', 'script']);
    expect(r.body.message).toContain('bpmn:ScriptTask');
    expect(await persistedRows()).toBe(before);
  });

  it('names structural problems: flow to a missing id, duplicate ids, no start event, gateway without outgoing flow', async () => {
    const xml = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
      <bpmn:process id="p" isExecutable="true"><bpmn:userTask id="t"/><bpmn:sequenceFlow id="f" sourceRef="t" targetRef="ghost"/>
      <bpmn:exclusiveGateway id="g"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="g"/></bpmn:process>
      <bpmn:process id="q" isExecutable="true"><bpmn:startEvent id="dup"/><bpmn:endEvent id="dup"/></bpmn:process></bpmn:definitions>`;
    const r = await s.deploy({ 'broken.bpmn': xml });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/unresolved reference <ghost>/);
    expect(r.body.message).toMatch(/duplicate ID <dup>/);
    const noStart = xml.replace(/<bpmn:process id="q"[\s\S]*?<\/bpmn:process>/, '').replace('targetRef="ghost"', 'targetRef="g"');
    const r2 = await s.deploy({ 'broken2.bpmn': noStart });
    expect(r2.status).toBe(400);
    const reasons = r2.body.details['broken2.bpmn'].errors.map((e: any) => `${e.mainElementId}: ${e.message}`);
    expect(reasons).toEqual(expect.arrayContaining(['p: has no none start event', 'g: gateway has no outgoing sequence flow']));
  });

  it('answers 413 for a resource over the size cap (20 MB)', async () => {
    const before = await persistedRows();
    const big = new Uint8Array(20 * 1024 * 1024).fill(32);
    const r = await s.deploy({ 'huge.bpmn': big });
    expect(r.status).toBe(413);
    expect(r.body.type).toBeDefined();
    expect(r.body.message).toBeDefined();
    expect(await persistedRows()).toBe(before);
  });

  it('answers 400 for a deployment without files', async () => {
    const form = new FormData();
    form.append('deployment-name', 'empty');
    const r = await fetch(`${s.base}/deployment/create`, { method: 'POST', body: form, headers: authHeader() });
    expect(r.status).toBe(400);
  });
});
