/**
 * The Express application: /engine-rest (Camunda 7–compatible) and, later, the web apps.
 * Unimplemented /engine-rest operations answer 501 with a clear body, never a misleading 404.
 */
import express, { type Express, type Request, type Router } from 'express';
import type { ApiContext } from './http/context';
import { errorHandler, HttpError } from './http/error-mapping';
import { requireJsonOrMultipart } from './http/body-media-type';
import { deploymentRoutes } from './features/deployment/deployment-routes';
import { engineRoutes } from './features/engine/engine-routes';
import { historyRoutes } from './features/history/history-routes';
import { incidentRoutes } from './features/incident/incident-routes';
import { definitionRoutes } from './features/process-definition/definition-routes';
import { instanceRoutes } from './features/process-instance/instance-routes';
import { modificationRoutes } from './features/process-instance/modification-routes';
import { taskRoutes } from './features/task/task-routes';
import { jobRoutes } from './features/job/job-routes';
import { externalTaskRoutes } from './features/external-task/external-task-routes';
import { jobDefinitionRoutes } from './features/job-definition/job-definition-routes';
import { mountWebApps } from './web-apps';
import { notImplementedRouter } from './openapi/not-implemented';
import { routeKeys } from './openapi/route-table';
import { docsRoutes } from './openapi/docs-routes';
import { executionRoutes } from './features/execution/execution-routes';
import { variableRoutes } from './features/variables/variable-routes';
import { variableInstanceRoutes } from './features/variable-instance/variable-instance-routes';
import { messageRoutes } from './features/message/message-routes';
import { eventSubscriptionRoutes } from './features/event-subscription/event-subscription-routes';
import { definitionDeletionRoutes } from './features/process-definition/definition-deletion-routes';
import { metricsRoutes } from './features/metrics/metrics-routes';
import { schemaLogRoutes } from './features/schema-log/schema-log-routes';
import { telemetryRoutes } from './features/telemetry/telemetry-routes';
import { requestValidation } from './openapi/request-validation';
import { tasklistRoutes } from './features/task-actions/tasklist-routes';
import { sessionRoutes } from './auth/session-routes';
import { identityRoutes } from './features/identity/identity-routes';
import { modelerApiRoutes } from './features/statistics/modeler-api-routes';
import { statisticsRoutes } from './features/statistics/statistics-routes';
import { userOperationRoutes } from './features/user-operation-log/user-operation-routes';
import { variableDataRoutes } from './features/variables/variable-data-routes';
import { attachmentRoutes } from './features/attachments/attachment-routes';
import { historyReportRoutes } from './features/history/history-report-routes';
import { actingUser } from './auth/acting-user';
import { segmentRouter } from './http/segment-router';

/**
 * The /engine-rest routers: the public ones and the feature routers (in match order). Their
 * route table decides what is implemented: every other Camunda 7 operation answers 501 (see
 * openapi/not-implemented.ts), and `npm run openapi` derives the coverage list from it.
 */
export function restRouters(ctx: ApiContext): { publicRoutes: Router; features: Router } {
  const features = express.Router();
  features.use(tasklistRoutes(ctx)); // before the task/definition routes: submit-form validation runs first
  const resources = [
    identityRoutes(ctx), deploymentRoutes(ctx), statisticsRoutes(ctx), definitionDeletionRoutes(ctx), definitionRoutes(ctx), instanceRoutes(ctx), taskRoutes(ctx), historyReportRoutes(ctx), historyRoutes(ctx), incidentRoutes(ctx),
    jobRoutes(ctx), externalTaskRoutes(ctx), jobDefinitionRoutes(ctx), modificationRoutes(ctx),
    userOperationRoutes(ctx), variableDataRoutes(ctx), attachmentRoutes(ctx), executionRoutes(ctx), variableInstanceRoutes(ctx), variableRoutes(ctx), messageRoutes(ctx), eventSubscriptionRoutes(ctx),
    metricsRoutes(ctx), schemaLogRoutes(ctx), telemetryRoutes(ctx),
  ];
  for (const routes of resources) {
    features.use(routes);
  }
  return { publicRoutes: engineRoutes(), features };
}

/** Builds the app; the caller listens. */
export function createApp(ctx: ApiContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(modelerApiRoutes(ctx));
  app.use('/baton/api', sessionRoutes(ctx.auth));
  app.use('/baton/api', (req: Request) => {
    throw new HttpError(404, 'NotFound', `No Baton API at ${req.path}`);
  }, errorHandler);
  const { publicRoutes, features } = restRouters(ctx);
  const rest = express.Router();
  rest.use(requireJsonOrMultipart, express.json({ limit: '2mb' }));
  // The liveness check (/engine) and /version stay public; everything else needs a user.
  rest.use(publicRoutes, docsRoutes());
  rest.use(ctx.auth.requireUser);
  rest.use(actingUser(ctx.config.userOperationLog));
  rest.use(requestValidation());
  rest.use(notImplementedRouter(new Set([...routeKeys(publicRoutes), ...routeKeys(features)])));
  rest.use(segmentRouter(features));
  rest.use((req) => {
    throw new HttpError(404, 'NotFound', `${req.method} /engine-rest${req.path} is not a Baton or Camunda 7 REST resource`);
  });
  rest.use(errorHandler);
  app.use('/engine-rest', rest);
  mountWebApps(app);
  return app;
}
