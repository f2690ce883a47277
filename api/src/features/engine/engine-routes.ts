/** `/engine` (liveness check used by tools) and `/version`. */
import { Router } from 'express';
import { sendJson } from '../../http/json';

/** Engine name and version routes. */
export function engineRoutes(): Router {
  const r = Router();
  r.get('/engine', (_req, res) => sendJson(res, [{ name: 'default' }]));
  r.get('/version', (_req, res) => sendJson(res, { version: '7.22.0' }));
  return r;
}
