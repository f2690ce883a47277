/**
 * Process definitions: list/count (TypeORM repository over the entity schema), get by id or
 * key (latest version), BPMN XML, and start an instance by id or key.
 */
import { Router, type Request, type Response } from 'express';
import type { SelectQueryBuilder } from 'typeorm';
import { NotFoundError, variablesFromWire, type ProcessDefinitionRecord } from '@baton/engine';
import { ProcessDefinitionEntity, type ProcessDefinitionRow } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { sendJson } from '../../http/json';
import { body, bool, int, list, page, str } from '../../http/params';
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
  const query = (req: Request, q: Record<string, unknown>): SelectQueryBuilder<ProcessDefinitionRow> | null => {
    const readable = definitionKeys(req, 'READ');
    if (readable !== '*' && readable.length === 0) return null;
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
    where('d.resourceName = :resourceName', str(q, 'resourceName'), 'resourceName');
    if (bool(q, 'suspended')) qb.andWhere('d.suspended = true');
    if (bool(q, 'active')) qb.andWhere('d.suspended = false');
    if (bool(q, 'startableInTasklist')) qb.andWhere('d.isExecutable = true');
    // As Camunda: the latest version of each key overall, not of the filtered set.
    if (bool(q, 'latestVersion')) qb.andWhere('d.version = (SELECT max(v.version) FROM process_definition v WHERE v.key = d.key)');
    if (readable !== '*') qb.andWhere('d.key IN (:...readable)', { readable });
    return qb;
  };

  const find = async (req: Request, q: Record<string, unknown>, paging: { offset: number; limit: number }) => {
    const qb = query(req, q);
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
    sendJson(res, { count: (await query(req, req.query)?.getCount()) ?? 0 });
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

  const start = async (req: Request, res: Response, d: ProcessDefinitionRecord) => {
    requireDefinition(req, d.key, 'CREATE_INSTANCE');
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

  const read = (req: Request, d: ProcessDefinitionRecord) => {
    requireDefinition(req, d.key, 'READ');
    return definitionDto(d);
  };

  r.get('/process-definition/key/:key', async (req, res) => sendJson(res, read(req, await byKey(req.params.key))));
  r.get('/process-definition/key/:key/xml', async (req, res) => xml(req, res, await byKey(req.params.key)));
  r.post('/process-definition/key/:key/start', async (req, res) => start(req, res, await byKey(req.params.key)));
  r.post('/process-definition/key/:key/submit-form', async (req, res) => start(req, res, await byKey(req.params.key)));
  r.get('/process-definition/:id', async (req, res) => sendJson(res, read(req, await byId(req.params.id))));
  r.get('/process-definition/:id/xml', async (req, res) => xml(req, res, await byId(req.params.id)));
  r.post('/process-definition/:id/start', async (req, res) => start(req, res, await byId(req.params.id)));
  r.post('/process-definition/:id/submit-form', async (req, res) => start(req, res, await byId(req.params.id)));
  return r;
}
