/**
 * Deployments: create (multipart, Camunda 7 shape; Camunda Modeler uses it), list, get,
 * resources and resource data.
 */
import { Router, type Request, type RequestHandler } from 'express';
import { sendNoContent } from '../../http/json';
import multer from 'multer';
import { formatCamundaDate, logUserOperation, NotFoundError, resourceBytes, type DeploymentRecord, type ResourceRecord, type UserOperationLogRecord } from '@baton/engine';
import { deleteDeploymentRows, fromRow, DATE_FIELDS } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { selfLink } from '../../http/context';
import { sendJson } from '../../http/json';
import { body, bool, date, page, sort, str } from '../../http/params';
import { addTenantConditions } from '../../http/tenant-filter';
import { SqlFilter } from '../../http/sql-filter';
import { definitionDto } from '../process-definition/definition-dto';
import { HttpError } from '../../http/error-mapping';
import { requireDeployment } from '../../auth/guards';

function deploymentDto(req: Request, d: DeploymentRecord) {
  return {
    links: [selfLink(req, `/deployment/${d.id}`)], id: d.id, name: d.name, source: d.source,
    deploymentTime: formatCamundaDate(d.deploymentTime), tenantId: d.tenantId,
  };
}

function resourceDto(r: ResourceRecord) {
  return { id: r.id, name: r.name, deploymentId: r.deploymentId };
}

/** Deployment routes. */
export function deploymentRoutes(ctx: ApiContext): Router {
  const r = Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: ctx.config.maxResourceBytes, files: 100, fields: 20, fieldSize: 64 * 1024 },
  });

  // The permission is checked before the upload is read, so no one streams 10 MB in vain.
  const mayDeploy: RequestHandler = (req, _res, next) => {
    requireDeployment(req, 'CREATE');
    next();
  };

  r.post('/deployment/create', mayDeploy, upload.any(), async (req, res) => {
    const fields = (req.body ?? {}) as Record<string, string>;
    const files = (req.files ?? []) as Express.Multer.File[];
    if (files.length === 0) throw new HttpError(400, 'InvalidRequestException', 'No deployment resources contained in the form upload.');
    const changedOnly = fields['deploy-changed-only'] === 'true' || fields['enable-duplicate-filtering'] === 'true';
    const result = await ctx.engine.deploy({
      name: fields['deployment-name'] ?? null,
      source: fields['deployment-source'] ?? null,
      tenantId: fields['tenant-id'] || null,
      deployChangedOnly: changedOnly,
      resources: files.map((f) => ({ name: f.originalname || f.fieldname, content: f.buffer })),
    });
    const defs = Object.fromEntries(result.definitions.map((d) => [d.id, definitionDto(d)]));
    sendJson(res, {
      ...deploymentDto(req, result.deployment),
      deployedProcessDefinitions: result.created && result.definitions.length ? defs : null,
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: null,
      deployedDecisionRequirementsDefinitions: null,
    });
  });

  const filter = (q: Record<string, unknown>) => {
    const f = new SqlFilter()
      .add('id = ?', str(q, 'id'))
      .add('name = ?', str(q, 'name'))
      .add('name LIKE ?', str(q, 'nameLike'))
      .add('source = ?', str(q, 'source'))
      .when(bool(q, 'withoutSource'), 'source IS NULL')
      .add('deployment_time > ?', date(q, 'after'))
      .add('deployment_time < ?', date(q, 'before'));
    return addTenantConditions(f, q, 'tenant_id', 'includeDeploymentsWithoutTenantId');
  };

  r.get('/deployment', async (req, res) => {
    requireDeployment(req, 'READ');
    const f = filter(req.query);
    const p = page(req.query, ctx.config.maxResults);
    const order = sort(req.query, { id: 'id', name: 'name', deploymentTime: 'deployment_time', tenantId: 'tenant_id' }, 'deployment_time ASC, id');
    sendJson(res, (await f.page(ctx.store.pool, 'deployment', order, p)).map((row) => deploymentDto(req, fromRow<DeploymentRecord>(row, DATE_FIELDS.deployment))));
  });

  r.get('/deployment/count', async (req, res) => {
    requireDeployment(req, 'READ');
    const f = filter(req.query);
    sendJson(res, { count: await f.count(ctx.store.pool, 'deployment') });
  });

  const findDeployment = async (id: string) => {
    const d = await ctx.engine.reads.getDeployment(id);
    if (!d) throw new NotFoundError(`Deployment with id '${id}' does not exist`);
    return d;
  };

  r.get('/deployment/:id', async (req, res) => {
    requireDeployment(req, 'READ');
    sendJson(res, deploymentDto(req, await findDeployment(req.params.id)));
  });

  r.get('/deployment/:id/resources', async (req, res) => {
    requireDeployment(req, 'READ');
    await findDeployment(req.params.id);
    const rows = await ctx.store.pool.query(`SELECT id, name, deployment_id FROM resource WHERE deployment_id = $1 ORDER BY name`, [req.params.id]);
    sendJson(res, rows.rows.map((row) => resourceDto(fromRow<ResourceRecord>(row))));
  });

  const requireResource = async (deploymentId: string, resourceId: string) => {
    const rows = await ctx.store.pool.query(`SELECT * FROM resource WHERE deployment_id = $1 AND id = $2`, [deploymentId, resourceId]);
    if (!rows.rows[0]) throw new NotFoundError(`Deployment resource '${resourceId}' for deployment id '${deploymentId}' does not exist.`);
    return fromRow<ResourceRecord>(rows.rows[0]);
  };

  r.get('/deployment/:id/resources/:resourceId', async (req, res) => {
    requireDeployment(req, 'READ');
    sendJson(res, resourceDto(await requireResource(req.params.id, req.params.resourceId)));
  });

  r.get('/deployment/:id/resources/:resourceId/data', async (req, res) => {
    requireDeployment(req, 'READ');
    const resource = await requireResource(req.params.id, req.params.resourceId);
    const type = /\.(bpmn|bpmn20\.xml|xml|dmn)$/i.test(resource.name) ? 'application/xml' : /\.(form|json)$/i.test(resource.name) ? 'application/json' : 'application/octet-stream';
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${resource.name.replace(/"/g, '')}"`);
    res.end(resourceBytes(resource));
  });

  r.delete('/deployment/:id', async (req, res) => {
    requireDeployment(req, 'DELETE');
    const deployment = await findDeployment(req.params.id);
    const cascade = bool(req.query, 'cascade') === true;
    const definitions = await ctx.engine.reads.definitionsOfDeployment(deployment.id);
    const ids = definitions.map((d) => d.id);
    const running = (await ctx.store.pool.query('SELECT id FROM process_instance WHERE definition_id = ANY($1) ORDER BY id', [ids])).rows.map((r) => String(r.id));
    if (running.length > 0 && !cascade) {
      throw new HttpError(400, 'InvalidRequestException', `Deletion of deployment '${deployment.id}' without cascade failed: ${running.length} process instance(s) are still running; use cascade=true`);
    }
    // Instances end through the engine (their tasks, jobs and history close properly), then the rows go.
    for (const id of running) await ctx.engine.deleteProcessInstance(id, 'deployment deleted');
    const keys = [...new Set(definitions.map((d) => d.key))];
    const latestGone: string[] = [];
    for (const key of keys) if (ids.includes((await ctx.engine.reads.latestDefinitionByKey(key))?.id ?? '')) latestGone.push(key);
    const log: UserOperationLogRecord[] = [];
    logUserOperation(log, { operationType: 'Delete', entityType: 'Deployment', category: 'Operator', deploymentId: deployment.id }, [{ property: 'cascade', newValue: cascade }], new Date());
    await deleteDeploymentRows(ctx.store.pool, deployment.id, cascade, log);
    ctx.engine.forgetDefinitions(ids);
    await ctx.engine.restoreStartTriggers(latestGone);
    sendNoContent(res);
  });

  r.post('/deployment/:id/redeploy', async (req, res) => {
    requireDeployment(req, 'CREATE');
    const deployment = await findDeployment(req.params.id);
    const b = body(req);
    const wanted = (key: string) => (Array.isArray(b[key]) ? (b[key] as unknown[]).map(String) : null);
    const ids = wanted('resourceIds');
    const names = wanted('resourceNames');
    const rows = (await ctx.store.pool.query('SELECT * FROM resource WHERE deployment_id = $1 ORDER BY name', [deployment.id])).rows.map((row) => fromRow<ResourceRecord>(row));
    const chosen = ids || names ? rows.filter((r) => ids?.includes(r.id) || names?.includes(r.name)) : rows;
    if (chosen.length === 0) throw new HttpError(400, 'InvalidRequestException', 'None of the given resources belong to the deployment');
    const result = await ctx.engine.deploy({
      name: deployment.name, source: typeof b.source === 'string' ? b.source : deployment.source, tenantId: deployment.tenantId,
      resources: chosen.map((r) => ({ name: r.name, content: r.content })),
    });
    sendJson(res, {
      ...deploymentDto(req, result.deployment),
      deployedProcessDefinitions: Object.fromEntries(result.definitions.map((d) => [d.id, definitionDto(d)])),
      deployedCaseDefinitions: null, deployedDecisionDefinitions: null, deployedDecisionRequirementsDefinitions: null,
    });
  });

  return r;
}
