/**
 * Process definitions: list/count (TypeORM repository over the entity schema), get by id or
 * key (latest version), BPMN XML, and start an instance by id or key.
 */
import { Router, type Request, type Response } from 'express';
import type { FindOptionsWhere } from 'typeorm';
import { Like } from 'typeorm';
import { NotFoundError, variablesFromWire, type ProcessDefinitionRecord } from '@baton/engine';
import { ProcessDefinitionEntity, type ProcessDefinitionRow } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { body, bool, int, page, str } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { definitionDto } from './definition-dto';
import { instanceDto, variablesDto } from '../process-instance/instance-dto';

const SORTABLE: Record<string, keyof ProcessDefinitionRow> = {
  category: 'key', key: 'key', id: 'id', name: 'name', version: 'version', deploymentId: 'deploymentId', tenantId: 'tenantId', versionTag: 'versionTag',
};

/** Process definition routes. */
export function definitionRoutes(ctx: ApiContext): Router {
  const r = Router();
  const repo = () => ctx.store.dataSource.getRepository(ProcessDefinitionEntity);

  const where = (q: Record<string, unknown>): FindOptionsWhere<ProcessDefinitionRow> => {
    const w: FindOptionsWhere<ProcessDefinitionRow> = {};
    const id = str(q, 'processDefinitionId');
    const key = str(q, 'key');
    const keyLike = str(q, 'keyLike');
    const name = str(q, 'name');
    const nameLike = str(q, 'nameLike');
    const deploymentId = str(q, 'deploymentId');
    const version = int(q, 'version');
    const versionTag = str(q, 'versionTag');
    const suspended = bool(q, 'suspended');
    const active = bool(q, 'active');
    if (id) w.id = id;
    if (key) w.key = key;
    else if (keyLike) w.key = Like(keyLike);
    if (name) w.name = name;
    else if (nameLike) w.name = Like(nameLike);
    if (deploymentId) w.deploymentId = deploymentId;
    if (version !== undefined) w.version = version;
    if (versionTag) w.versionTag = versionTag;
    if (suspended) w.suspended = true;
    if (active) w.suspended = false;
    return w;
  };

  const find = async (q: Record<string, unknown>, paging: { offset: number; limit: number } | null) => {
    const w = where(q);
    const sortBy = str(q, 'sortBy');
    const sortOrder = str(q, 'sortOrder') === 'desc' ? 'DESC' : 'ASC';
    if (sortBy && !SORTABLE[sortBy]) throw new HttpError(400, 'InvalidRequestException', `Cannot set query parameter 'sortBy' to value '${sortBy}'`);
    const latest = bool(q, 'latestVersion');
    const order = sortBy ? { [SORTABLE[sortBy]!]: sortOrder, id: 'ASC' as const } : { key: 'ASC' as const, version: 'ASC' as const };
    // Without latestVersion the database pages; with it, the filter applies per key after the
    // other filters (as Camunda does), over definitions, which stay few compared to instances.
    const dbPage = !latest && paging ? { skip: paging.offset, take: paging.limit } : {};
    let rows = await repo().find({ where: w, order, ...dbPage });
    if (!latest) return rows;
    const max = new Map<string, number>();
    for (const d of rows) max.set(d.key, Math.max(max.get(d.key) ?? 0, d.version));
    rows = rows.filter((d) => d.version === max.get(d.key));
    return paging ? rows.slice(paging.offset, paging.offset + paging.limit) : rows;
  };

  r.get('/process-definition', async (req, res) => {
    const rows = await find(req.query, page(req.query, ctx.config.maxResults));
    sendJson(res, rows.map((d) => definitionDto(d)));
  });

  r.get('/process-definition/count', async (req, res) => {
    sendJson(res, { count: (await find(req.query, null)).length });
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

  const xml = async (res: Response, d: ProcessDefinitionRecord) => {
    const resource = await ctx.engine.reads.getResource(d.deploymentId, d.resourceName);
    sendJson(res, { id: d.id, bpmn20Xml: resource?.content ?? null });
  };

  const start = async (req: Request, res: Response, d: ProcessDefinitionRecord) => {
    const b = body(req);
    const businessKey = typeof b.businessKey === 'string' ? b.businessKey : null;
    const result = await ctx.engine.startProcessInstance({ definitionId: d.id, businessKey, variables: variablesFromWire(b.variables) });
    const dto = instanceDto(req, { id: result.instanceId, definitionId: result.definitionId, businessKey: result.businessKey, ended: result.ended, suspended: result.suspended, tenantId: d.tenantId });
    if (b.withVariablesInReturn === true) {
      const vars = result.ended ? [] : await ctx.engine.reads.instanceVariables(result.instanceId);
      sendJson(res, { ...dto, variables: variablesDto(vars.filter((v) => v.scopeId === result.instanceId)) });
      return;
    }
    sendJson(res, dto);
  };

  r.get('/process-definition/key/:key', async (req, res) => sendJson(res, definitionDto(await byKey(req.params.key))));
  r.get('/process-definition/key/:key/xml', async (req, res) => xml(res, await byKey(req.params.key)));
  r.post('/process-definition/key/:key/start', async (req, res) => start(req, res, await byKey(req.params.key)));
  r.post('/process-definition/key/:key/submit-form', async (req, res) => start(req, res, await byKey(req.params.key)));
  r.get('/process-definition/:id', async (req, res) => sendJson(res, definitionDto(await byId(req.params.id))));
  r.get('/process-definition/:id/xml', async (req, res) => xml(res, await byId(req.params.id)));
  r.post('/process-definition/:id/start', async (req, res) => start(req, res, await byId(req.params.id)));
  r.post('/process-definition/:id/submit-form', async (req, res) => start(req, res, await byId(req.params.id)));
  return r;
}
