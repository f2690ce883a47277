/**
 * Everything the tasklist adds to /engine-rest, in one router: forms (and submit-form
 * validation, which must run before the task and definition routes), saved filters, the
 * list/count/version calls of the app, comments and task actions.
 */
import { Router } from 'express';
import type { ApiContext } from '../../http/context';
import { commentRoutes } from '../comments/comment-routes';
import { filterRoutes } from '../filters/filter-routes';
import { taskListRoutes } from '../filters/task-list-routes';
import { formRoutes } from '../forms/form-routes';
import { taskActionRoutes } from './task-action-routes';

/** The tasklist's routes; register before the task and process-definition routes. */
export function tasklistRoutes(ctx: ApiContext): Router {
  const r = Router();
  for (const routes of [formRoutes(ctx), filterRoutes(ctx), taskListRoutes(ctx), commentRoutes(ctx), taskActionRoutes(ctx)]) r.use(routes);
  return r;
}
