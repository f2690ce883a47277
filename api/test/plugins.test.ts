import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadPlugins } from '../src/plugins/plugin-loader';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

const PLUGINS = join(import.meta.dirname, 'fixtures', 'plugins');

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('plugins', { BATON_PLUGINS_DIR: PLUGINS });
});
afterAll(async () => {
  await s.close();
});

describe('handlers from BATON_PLUGINS_DIR', () => {
  it('loads .ts and .mjs modules (named and default exports) and ignores other files', async () => {
    expect(Object.keys(await loadPlugins(PLUGINS)).sort()).toEqual(['ChargeCard', 'calculator', 'notifier']);
    expect(s.engine.handlerNames()).toEqual(['ChargeCard', 'calculator', 'notifier']);
  });

  it('runs a Camunda 7 model whose delegates are plugins, through the REST API', async () => {
    const deployed = await s.deploy({ 'delegates.bpmn': engineFixture('delegates.bpmn') });
    expect(deployed.status).toBe(200);
    const started = await s.call('POST', '/process-definition/key/delegates/start', { businessKey: 'o-9', variables: { amount: { value: 5, type: 'Integer' } } });
    expect(started.status).toBe(200);
    const vars = await s.call('GET', `/process-instance/${started.body.id}/variables`);
    expect(vars.status).toBe(200);
    expect(vars.body).toMatchObject({
      charged: { value: true, type: 'Boolean' }, chargedFor: { value: 'o-9', type: 'String' },
      notified: { value: true, type: 'Boolean' }, grandTotal: { value: 15, type: 'Integer' },
    });
  });

  it('rejects a deployment naming a handler that is not in the plugins folder, naming the element', async () => {
    const r = await s.deploy({ 'delegate-failing.bpmn': engineFixture('delegate-failing.bpmn') });
    expect(r.status).toBe(400);
    expect(r.body.type).toBe('ParseException');
    const errors = r.body.details['delegate-failing.bpmn'].errors;
    expect(errors).toMatchObject([{ mainElementId: 'risky' }]);
    expect(errors[0].message).toContain("no handler is registered for camunda:class 'Risky'");
  });

  it('refuses two plugin modules exporting the same name', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'baton-plugins-'));
    await writeFile(join(dir, 'a.mjs'), 'export const same = () => {};\n');
    await writeFile(join(dir, 'b.mjs'), 'export const same = () => {};\n');
    await expect(loadPlugins(dir)).rejects.toThrow("Plugin handler 'same' is exported by both a.mjs and b.mjs");
  });
});
