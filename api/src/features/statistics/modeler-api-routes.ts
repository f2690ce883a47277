/**
 * The modeler's Baton additions outside /engine-rest, mounted at the root with one line in
 * server.ts: the KPIs under /baton/api (before its 404 fallback). The Camunda statistics and
 * activity instance routes live in the /engine-rest feature list (statistics-routes.ts).
 * The route authenticates itself: a path-wide guard here would also lock /baton/api/login.
 */
import { Router } from 'express';
import type { ApiContext } from '../../http/context';
import { errorHandler } from '../../http/error-mapping';
import { kpiRoutes } from './kpi-routes';

/** The modeler's /baton/api routes (KPIs). */
export function modelerApiRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.use('/baton/api', kpiRoutes(ctx, ctx.auth.requireUser));
  r.use(errorHandler);
  return r;
}
