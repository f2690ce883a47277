/**
 * The segment router answers every request exactly as the plain Express router it is built
 * from: same route order (a parameter route declared first still wins), middleware mounted
 * without a path still runs for every request, routes starting with a parameter still match,
 * case-insensitive matching, fall-through with next(), and errors reaching the error handler.
 */
import type { AddressInfo } from 'node:net';
import express, { Router, type ErrorRequestHandler, type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentRouter } from '../src/http/segment-router';

function features(): Router {
  const tasks = Router();
  tasks.get('/task/:id', (req, res, next) => (req.params.id === 'pass' ? next() : res.send(`task ${req.params.id}`)));
  tasks.get('/task/count', (_req, res) => res.send('count (shadowed by /task/:id)'));
  const more = Router();
  more.get('/task/pass', (_req, res) => res.send('second router'));
  more.post('/task/:id/complete', (req, res) => res.send(`complete ${req.params.id}`));
  more.all('/task/:id/any', (req, res) => res.send(`${req.method} any ${req.params.id}`));
  more.get('/boom', () => {
    throw new Error('boom');
  });
  const nested = Router();
  nested.use(more);
  const root = Router();
  root.use(tasks);
  root.use((req, res, next) => {
    res.setHeader('x-seen', 'yes');
    next();
  });
  root.use(nested);
  root.get('/:resource/ping', (req, res) => res.send(`ping ${req.params.resource}`));
  root.use('/mounted', Router().get('/x', (_req, res) => res.send('mounted x')));
  return root;
}

function app(route: (r: Router) => express.RequestHandler): Express {
  const a = express();
  a.use(route(features()));
  a.use((_req, res) => void res.status(404).send('none'));
  const onError: ErrorRequestHandler = (err: Error, _req, res, _next) => void res.status(500).send(err.message);
  a.use(onError);
  return a;
}

const REQUESTS: Array<[string, string]> = [
  ['GET', '/task/1'], ['GET', '/task/count'], ['GET', '/task/pass'], ['GET', '/TASK/7'], ['POST', '/task/9/complete'],
  ['GET', '/task/9/complete'], ['GET', '/boom'], ['GET', '/task/ping'], ['GET', '/other/ping'], ['GET', '/mounted/x'],
  ['GET', '/nothing'], ['GET', '/'], ['POST', '/task/1'],
  ['HEAD', '/task/1'], ['OPTIONS', '/task/9/complete'], ['OPTIONS', '/task/1'], ['DELETE', '/task/1/any'], ['PUT', '/task/1/any'], ['DELETE', '/task/1'],
];

describe('segmentRouter', () => {
  const bases: string[] = [];
  const servers: Array<{ close(): void }> = [];
  beforeAll(async () => {
    for (const a of [app((r) => r), app(segmentRouter)]) {
      const server = a.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      servers.push(server);
      bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it.each(REQUESTS)('%s %s answers as the plain router does', async (method, path) => {
    const [plain, segmented] = await Promise.all(bases.map(async (base) => {
      const r = await fetch(base + path, { method });
      return { status: r.status, body: await r.text(), seen: r.headers.get('x-seen'), allow: r.headers.get('allow') };
    }));
    expect(segmented).toEqual(plain);
  });

  it('the plain answers are the ones the cases are about', async () => {
    const get = async (path: string, method = 'GET') => (await fetch(bases[1] + path, { method })).text();
    expect(await get('/task/count')).toBe('task count');
    expect(await get('/task/pass')).toBe('second router');
    expect(await get('/TASK/7')).toBe('task 7');
    expect(await get('/task/9/complete', 'POST')).toBe('complete 9');
    expect(await get('/other/ping')).toBe('ping other');
    expect(await get('/mounted/x')).toBe('mounted x');
    expect(await get('/boom')).toBe('boom');
    expect(await get('/task/3/any', 'DELETE')).toBe('DELETE any 3');
    expect((await fetch(`${bases[1]}/task/9/complete`, { method: 'OPTIONS' })).headers.get('allow')).toContain('POST');
    expect(await get('/nothing')).toBe('none');
  });
});
