/**
 * The Express application: /engine-rest (Camunda 7–compatible) and, later, the web apps.
 * Unimplemented /engine-rest operations answer 501 with a clear body, never a misleading 404.
 */
import express, { type Express, type Request } from 'express';
import type { ApiContext } from './http/context';
import { errorHandler, HttpError } from './http/error-mapping';
import { deploymentRoutes } from './features/deployment/deployment-routes';
import { engineRoutes } from './features/engine/engine-routes';
import { historyRoutes } from './features/history/history-routes';
import { incidentRoutes } from './features/incident/incident-routes';
import { definitionRoutes } from './features/process-definition/definition-routes';
import { instanceRoutes } from './features/process-instance/instance-routes';
import { taskRoutes } from './features/task/task-routes';
import { mountWebApps } from './web-apps';
import { sessionRoutes } from './auth/session-routes';
import { identityRoutes } from './features/identity/identity-routes';

/** Builds the app; the caller listens. */
export function createApp(ctx: ApiContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use('/baton/api', sessionRoutes(ctx.auth));
  app.use('/baton/api', (req: Request) => {
    throw new HttpError(404, 'NotFound', `No Baton API at ${req.path}`);
  }, errorHandler);
  const rest = express.Router();
  rest.use(express.json({ limit: '2mb' }));
  // The liveness check (/engine) and /version stay public; everything else needs a user.
  rest.use(engineRoutes());
  rest.use(ctx.auth.requireUser);
  for (const routes of [identityRoutes(ctx), deploymentRoutes(ctx), definitionRoutes(ctx), instanceRoutes(ctx), taskRoutes(ctx), historyRoutes(ctx), incidentRoutes(ctx)]) {
    rest.use(routes);
  }
  rest.use((req) => {
    throw new HttpError(501, 'NotImplementedException', `${req.method} /engine-rest${req.path} is not implemented by Baton (yet)`);
  });
  rest.use(errorHandler);
  app.use('/engine-rest', rest);
  mountWebApps(app);
  return app;
}
