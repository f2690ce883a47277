/**
 * Process definitions: list/count (TypeORM repository over the entity schema), get by id or
 * key (latest version), BPMN XML, and start an instance by id or key.
 */
import { Router, type Request, type Response } from 'express';
import type { SelectQueryBuilder } from 'typeorm';
import { NotFoundError, resourceBytes, variablesFromWire, type ProcessDefinitionRecord } from '@baton/engine';
import { ProcessDefinitionEntity, type ProcessDefinitionRow } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { body, bool, date, int, list, page, str } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { definitionDto } from './definition-dto';
import { definitionKeys, requireDefinition } from '../../auth/guards';
import { instanceDto, variablesDto } from '../process-instance/instance-dto';

const SORTABLE: Record<string, keyof ProcessDefinitionRow> = {
  category: 'key', key: 'key', id: 'id', name: 'name', version: 'version', deploymentId: 'deploymentId', tenantId: 'tenantId', versionTag: 'versionTag',
};

/** Process definition routes. */
export function definitionRoutes(ctx: ApiContext): Router {
  const r = Router();
  const repo = () => ctx.store.dataSource.getRepository(ProcessDefinitionEntity);

  /** The definition query through TypeORM's query builder over the entity schema. */
  const query = async (req: Request, q: Record<string, unknown>): Promise<SelectQueryBuilder<ProcessDefinitionRow> | null> => {
    const readable = definitionKeys(req, 'READ');
    if (readable !== '*' && readable.length === 0) return null;
    // startablePermissionCheck: only what the caller may start (Camunda's Tasklist asks for it).
    const startable = bool(q, 'startablePermissionCheck') ? definitionKeys(req, 'CREATE_INSTANCE') : '*';
    if (startable !== '*' && startable.length === 0) return null;
    const qb = repo().createQueryBuilder('d');
    const where = (condition: string, value: unknown, name: string) => {
      if (value !== undefined) qb.andWhere(condition, { [name]: value });
    };
    where('d.id = :id', str(q, 'processDefinitionId'), 'id');
    where('d.id IN (:...ids)', list(q, 'processDefinitionIdIn'), 'ids');
    where('d.key = :key', str(q, 'key'), 'key');
    where('d.key IN (:...keys)', list(q, 'keysIn'), 'keys');
    where('d.key LIKE :keyLike', str(q, 'keyLike'), 'keyLike');
    where('d.name = :name', str(q, 'name'), 'name');
    where('d.name LIKE :nameLike', str(q, 'nameLike'), 'nameLike');
    where('d.deploymentId = :deploymentId', str(q, 'deploymentId'), 'deploymentId');
    where('d.version = :version', int(q, 'version'), 'version');
    where('d.versionTag = :versionTag', str(q, 'versionTag'), 'versionTag');
    where('d.versionTag LIKE :versionTagLike', str(q, 'versionTagLike'), 'versionTagLike');
    if (bool(q, 'withoutVersionTag')) qb.andWhere('d.versionTag IS NULL');
    where('d.resourceName = :resourceName', str(q, 'resourceName'), 'resourceName');
    where('d.resourceName LIKE :resourceNameLike', str(q, 'resourceNameLike'), 'resourceNameLike');
    where('d.deploymentId IN (SELECT dep.id FROM deployment dep WHERE dep.deployment_time > :deployedAfter)', date(q, 'deployedAfter'), 'deployedAfter');
    where('d.deploymentId IN (SELECT dep.id FROM deployment dep WHERE dep.deployment_time = :deployedAt)', date(q, 'deployedAt'), 'deployedAt');
    const tenants = list(q, 'tenantIdIn');
    if (tenants) qb.andWhere(bool(q, 'includeProcessDefinitionsWithoutTenantId') ? '(d.tenantId IN (:...tenants) OR d.tenantId IS NULL)' : 'd.tenantId IN (:...tenants)', { tenants });
    if (bool(q, 'withoutTenantId')) qb.andWhere('d.tenantId IS NULL');
    const incident = (condition: string, value: unknown, name: string) => where(`EXISTS (SELECT 1 FROM incident i WHERE i.definition_id = d.id AND ${condition})`, value, name);
    incident('i.id = :incidentId', str(q, 'incidentId'), 'incidentId');
    incident('i.incident_type = :incidentType', str(q, 'incidentType'), 'incidentType');
    incident('i.message = :incidentMessage', str(q, 'incidentMessage'), 'incidentMessage');
    incident('i.message LIKE :incidentMessageLike', str(q, 'incidentMessageLike'), 'incidentMessageLike');
    if (bool(q, 'suspended')) qb.andWhere('d.suspended = true');
    if (bool(q, 'active')) qb.andWhere('d.suspended = false');
    if (bool(q, 'startableInTasklist')) qb.andWhere('d.isExecutable = true AND d.startableInTasklist = true');
    if (bool(q, 'notStartableInTasklist')) qb.andWhere('(d.isExecutable = false OR d.startableInTasklist = false)');
    const startableBy = str(q, 'startableBy');
    if (startableBy !== undefined) {
      // As Camunda: definitions that name the user or one of their groups as candidate starters.
      const groups = [...((await ctx.auth.principals.load(startableBy))?.groups ?? [])];
      qb.andWhere('(:starter = ANY(d.candidateStarterUsers) OR d.candidateStarterGroups && CAST(:starterGroups AS text[]))', { starter: startableBy, starterGroups: groups });
    }
    if (startable !== '*') qb.andWhere('d.key IN (:...startable)', { startable });
    // As Camunda: the latest version of each key overall, not of the filtered set.
    if (bool(q, 'latestVersion')) qb.andWhere('d.version = (SELECT max(v.version) FROM process_definition v WHERE v.key = d.key)');
    if (readable !== '*') qb.andWhere('d.key IN (:...readable)', { readable });
    return qb;
  };

  const find = async (req: Request, q: Record<string, unknown>, paging: { offset: number; limit: number }) => {
    const qb = await query(req, q);
    if (!qb) return [];
    const sortBy = str(q, 'sortBy');
    if (sortBy && !SORTABLE[sortBy]) throw new HttpError(400, 'InvalidRequestException', `Cannot set query parameter 'sortBy' to value '${sortBy}'`);
    const order = str(q, 'sortOrder') === 'desc' ? 'DESC' : 'ASC';
    if (sortBy) qb.orderBy(`d.${SORTABLE[sortBy]!}`, order).addOrderBy('d.id', 'ASC');
    else qb.orderBy('d.key', 'ASC').addOrderBy('d.version', 'ASC');
    return qb.skip(paging.offset).take(paging.limit).getMany();
  };

  r.get('/process-definition', async (req, res) => {
    const rows = await find(req, req.query, page(req.query, ctx.config.maxResults));
    sendJson(res, rows.map((d) => definitionDto(d)));
  });

  r.get('/process-definition/count', async (req, res) => {
    sendJson(res, { count: (await (await query(req, req.query))?.getCount()) ?? 0 });
  });

  const byId = async (id: string) => {
    const d = await ctx.engine.reads.getDefinition(id);
    if (!d) throw new NotFoundError(`No matching definition with id ${id}`);
    return d;
  };
  const byKey = async (key: string) => {
    const d = await ctx.engine.reads.latestDefinitionByKey(key);
    if (!d) throw new NotFoundError(`No matching process definition with key: ${key} and no tenant-id`);
    return d;
  };

  const xml = async (req: Request, res: Response, d: ProcessDefinitionRecord) => {
    requireDefinition(req, d.key, 'READ');
    const resource = await ctx.engine.reads.getResource(d.deploymentId, d.resourceName);
    sendJson(res, { id: d.id, bpmn20Xml: resource?.content ?? null });
  };

  /**
   * Starts the latest version of a key. Why no lookup here: the engine resolves the latest
   * version itself, from its cache when it can (no round trip). The permission depends on the
   * key alone; as before, an unknown key is a 404 even for a caller without the permission.
   */
  const startByKey = async (req: Request, res: Response) => {
    const key = String(req.params.key);
    try {
      requireDefinition(req, key, 'CREATE_INSTANCE');
    } catch (err) {
      await byKey(key);
      throw err;
    }
    await start(req, res, { key });
  };

  const startById = async (req: Request, res: Response) => {
    const definition = await byId(String(req.params.id));
    requireDefinition(req, definition.key, 'CREATE_INSTANCE');
    await start(req, res, { definition });
  };

  const start = async (req: Request, res: Response, which: { key: string } | { definition: ProcessDefinitionRecord }) => {
    const b = body(req);
    if (Array.isArray(b.startInstructions) && b.startInstructions.length > 0) {
      throw new HttpError(400, 'InvalidRequestException', 'startInstructions are not supported: start the instance, then move its tokens with POST /process-instance/{id}/modification');
    }
    const businessKey = typeof b.businessKey === 'string' ? b.businessKey : null;
    const result = await ctx.engine.startProcessInstance({
      ...which, businessKey, variables: variablesFromWire(b.variables), skipCustomListeners: b.skipCustomListeners === true, skipIoMappings: b.skipIoMappings === true,
    });
    const dto = instanceDto(req, { id: result.instanceId, definitionId: result.definitionId, businessKey: result.businessKey, ended: result.ended, suspended: result.suspended, tenantId: result.tenantId });
    if (b.withVariablesInReturn === true) {
      sendJson(res, { ...dto, variables: variablesDto(result.variables) });
      return;
    }
    sendJson(res, dto);
  };

  const read = (req: Request, d: ProcessDefinitionRecord) => {
    requireDefinition(req, d.key, 'READ');
    return definitionDto(d);
  };

  /** Camunda's FormDto of the none start event (key, Camunda Form reference). */
  const startForm = async (req: Request, d: ProcessDefinitionRecord) => {
    requireDefinition(req, d.key, 'READ');
    const { model } = await ctx.engine.definition(d.id);
    const start = model.scopes.get(model.key)?.startEventId;
    const form = start ? model.elements.get(start)?.form : null;
    return { key: form?.formKey ?? null, contextPath: null, camundaFormRef: form?.formRef ?? null };
  };

  /** The diagram image deployed next to the BPMN file (`invoice.png`, `invoice.<key>.svg`, …); 204 when there is none. */
  const diagram = async (req: Request, res: Response, d: ProcessDefinitionRecord) => {
    requireDefinition(req, d.key, 'READ');
    const base = d.resourceName.replace(/\.(bpmn20\.xml|bpmn2?|xml)$/i, '');
    const rows = await ctx.store.pool.query(
      `SELECT name, content FROM resource WHERE deployment_id = $1 AND name ~* $2 ORDER BY length(name) DESC LIMIT 1`,
      [d.deploymentId, `^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.${d.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})?\\.(png|jpe?g|gif|svg)$`],
    );
    const image = rows.rows[0] as { name: string; content: string } | undefined;
    if (!image) return void res.status(204).end();
    res.setHeader('Content-Type', image.name.endsWith('.svg') ? 'image/svg+xml' : `image/${image.name.split('.').pop()!.replace('jpg', 'jpeg')}`);
    res.end(resourceBytes(image));
  };

  /** Suspends/activates definitions, optionally with their running instances (Camunda's SuspensionStateDto). */
  const suspend = async (req: Request, res: Response, definitions: ProcessDefinitionRecord[]) => {
    const b = body(req);
    if (typeof b.suspended !== 'boolean') throw new HttpError(400, 'InvalidRequestException', "'suspended' must be true or false");
    if (b.executionDate !== undefined && b.executionDate !== null) throw new HttpError(400, 'InvalidRequestException', "Delayed suspension ('executionDate') is not supported");
    for (const d of definitions) requireDefinition(req, d.key, 'UPDATE');
    const ids = definitions.map((d) => d.id);
    await ctx.engine.setDefinitionsSuspended(ids, b.suspended);
    if (b.includeProcessInstances === true) {
      const instances = await ctx.store.pool.query('SELECT id FROM process_instance WHERE definition_id = ANY($1) AND suspended <> $2', [ids, b.suspended]);
      for (const row of instances.rows) await ctx.engine.setInstanceSuspended(String(row.id), b.suspended);
    }
    res.status(204).end();
  };
  const allVersions = async (key: string) => {
    await byKey(key);
    return (await repo().find({ where: { key } })) as ProcessDefinitionRecord[];
  };
  r.put('/process-definition/suspended', async (req, res) => {
    const b = body(req);
    if (typeof b.processDefinitionId === 'string') return suspend(req, res, [await byId(b.processDefinitionId)]);
    if (typeof b.processDefinitionKey === 'string') return suspend(req, res, await allVersions(b.processDefinitionKey));
    throw new HttpError(400, 'InvalidRequestException', "Either 'processDefinitionId' or 'processDefinitionKey' is required");
  });
  r.put('/process-definition/key/:key/suspended', async (req, res) => suspend(req, res, await allVersions(req.params.key)));
  r.put('/process-definition/:id/suspended', async (req, res) => suspend(req, res, [await byId(req.params.id)]));

  r.get('/process-definition/key/:key/startForm', async (req, res) => sendJson(res, await startForm(req, await byKey(req.params.key))));
  r.get('/process-definition/:id/startForm', async (req, res) => sendJson(res, await startForm(req, await byId(req.params.id))));
  r.get('/process-definition/key/:key/diagram', async (req, res) => diagram(req, res, await byKey(req.params.key)));
  r.get('/process-definition/:id/diagram', async (req, res) => diagram(req, res, await byId(req.params.id)));
  r.get('/process-definition/key/:key', async (req, res) => sendJson(res, read(req, await byKey(req.params.key))));
  r.get('/process-definition/key/:key/xml', async (req, res) => xml(req, res, await byKey(req.params.key)));
  r.post('/process-definition/key/:key/start', startByKey);
  r.post('/process-definition/key/:key/submit-form', startByKey);
  r.get('/process-definition/:id', async (req, res) => sendJson(res, read(req, await byId(req.params.id))));
  r.get('/process-definition/:id/xml', async (req, res) => xml(req, res, await byId(req.params.id)));
  r.post('/process-definition/:id/start', startById);
  r.post('/process-definition/:id/submit-form', startById);
  return r;
}
