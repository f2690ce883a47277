/**
 * Forms of tasks and start events: the resolved form (Baton addition `form-definition`),
 * Camunda's `deployed-form` / `deployed-start-form` and `form-variables`, and validation of
 * `submit-form` bodies before the task and definition routes complete or start anything.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { NotFoundError, type ProcessDefinitionRecord, type TaskRecord } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { body, list } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { requireDefinition, requireTaskVisible, requireTaskWork } from '../../auth/guards';
import { variablesDto } from '../process-instance/instance-dto';
import { FormResolver } from './form-resolver';
import { schemaOf } from './form-schema';
import type { ResolvedForm } from './form-types';
import { checkSubmission } from './form-validation';
import { formDefaults } from './form-defaults';
import { renderGeneratedForm } from './rendered-form';

/** Answers 400 with per-field messages, or lets the request continue to the real handler. */
function validateOrReject(form: ResolvedForm, req: Request, res: Response, next: NextFunction): void {
  const check = checkSubmission(schemaOf(form), body(req).variables);
  if (check.ok) return next();
  const fields = Object.keys(check.fieldErrors).join(', ');
  sendJson(res, { type: 'InvalidRequestException', message: `Invalid form values: ${fields}`, code: 'FORM_VALIDATION', details: { fieldErrors: check.fieldErrors } }, 400);
}

/** Form routes (register before the task and process-definition routes). */
export function formRoutes(ctx: ApiContext): Router {
  const r = Router();
  const forms = new FormResolver(ctx.engine, ctx.store.pool);

  const task = async (req: Request): Promise<TaskRecord> => {
    const t = await ctx.engine.reads.getTask(String(req.params.id));
    if (!t) throw new NotFoundError(`No matching task with id ${String(req.params.id)}`);
    return t;
  };
  const definition = async (req: Request): Promise<ProcessDefinitionRecord> => {
    const d = req.params.key
      ? await ctx.engine.reads.latestDefinitionByKey(String(req.params.key))
      : await ctx.engine.reads.getDefinition(String(req.params.id));
    if (!d) throw new NotFoundError(`No matching process definition ${String(req.params.key ?? req.params.id)}`);
    return d;
  };
  const deployed = (res: Response, form: ResolvedForm) => {
    if (form.kind !== 'camunda-form') throw new HttpError(400, 'InvalidRequestException', 'No Camunda Form is deployed for this element');
    sendJson(res, form.schema);
  };

  r.get('/task/:id/form-definition', async (req, res) => {
    const t = await task(req);
    requireTaskVisible(req, t);
    sendJson(res, await forms.forTask(t));
  });
  r.get('/task/:id/deployed-form', async (req, res) => {
    const t = await task(req);
    requireTaskVisible(req, t);
    deployed(res, await forms.forTask(t));
  });
  const rendered = (res: Response, form: ResolvedForm, what: string) => {
    if (form.kind !== 'generated') throw new NotFoundError(`No matching rendered form for ${what}: only generated forms (camunda:formData) render`);
    res.status(200).setHeader('Content-Type', 'application/xhtml+xml');
    res.end(renderGeneratedForm(form.fields));
  };
  r.get('/task/:id/rendered-form', async (req, res) => {
    const t = await task(req);
    requireTaskVisible(req, t);
    rendered(res, await forms.forTask(t), `task with the id ${t.id}`);
  });
  r.get('/task/:id/form-variables', async (req, res) => {
    const t = await task(req);
    requireTaskVisible(req, t);
    const names = list(req.query, 'variableNames');
    const vars = ((await ctx.engine.visibleVariables(t.instanceId, t.id)) ?? []).filter((v) => !names || names.includes(v.name));
    sendJson(res, { ...formDefaults(await forms.forTask(t), names), ...variablesDto(vars) });
  });
  r.post('/task/:id/submit-form', async (req, res, next) => {
    const t = await task(req);
    requireTaskWork(req, t);
    validateOrReject(await forms.forTask(t), req, res, next);
  });

  for (const prefix of ['/process-definition/:id', '/process-definition/key/:key']) {
    r.get(`${prefix}/form-definition`, async (req, res) => {
      const d = await definition(req);
      requireDefinition(req, d.key, 'READ');
      sendJson(res, await forms.forStart(d.id));
    });
    r.get(`${prefix}/rendered-form`, async (req, res) => {
      const d = await definition(req);
      requireDefinition(req, d.key, 'READ');
      rendered(res, await forms.forStart(d.id), `process definition ${d.id}`);
    });
    r.get(`${prefix}/deployed-start-form`, async (req, res) => {
      const d = await definition(req);
      requireDefinition(req, d.key, 'READ');
      deployed(res, await forms.forStart(d.id));
    });
    r.get(`${prefix}/form-variables`, async (req, res) => {
      const d = await definition(req);
      requireDefinition(req, d.key, 'READ');
      sendJson(res, formDefaults(await forms.forStart(d.id), list(req.query, 'variableNames')));
    });
    r.post(`${prefix}/submit-form`, async (req, res, next) => {
      const d = await definition(req);
      requireDefinition(req, d.key, 'CREATE_INSTANCE');
      validateOrReject(await forms.forStart(d.id), req, res, next);
    });
  }
  return r;
}
