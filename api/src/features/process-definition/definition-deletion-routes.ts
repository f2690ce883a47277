/**
 * Deleting process definitions (Camunda 7 `DELETE /process-definition/{id}` and
 * `/process-definition/key/{key}`): running instances block it unless `cascade=true`, which
 * cancels them through the engine and deletes their history too. When the latest version of a
 * key goes, the version now latest gets its timer and message/signal start events back.
 */
import { Router, type Request } from 'express';
import { NotFoundError, logUserOperation, type ProcessDefinitionRecord, type UserOperationLogRecord } from '@baton/engine';
import { deleteDefinitionRows } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendNoContent } from '../../http/json';
import { bool } from '../../http/params';
import { requireDefinition } from '../../auth/guards';

/** Definition deletion routes. */
export function definitionDeletionRoutes(ctx: ApiContext): Router {
  const r = Router();

  const remove = async (req: Request, definitions: readonly ProcessDefinitionRecord[]) => {
    for (const d of definitions) requireDefinition(req, d.key, 'DELETE');
    const cascade = bool(req.query, 'cascade') === true;
    const ids = definitions.map((d) => d.id);
    const running = (await ctx.store.pool.query('SELECT id FROM process_instance WHERE definition_id = ANY($1) ORDER BY id', [ids])).rows.map((row) => String(row.id));
    if (running.length > 0 && !cascade) {
      throw new HttpError(400, 'InvalidRequestException', `Deletion of process definition without cascading failed: ${running.length} process instance(s) of it are still running; use cascade=true`);
    }
    for (const id of running) await ctx.engine.deleteProcessInstance(id, 'process definition deleted');
    const latestGone: string[] = [];
    for (const key of new Set(definitions.map((d) => d.key))) {
      if (ids.includes((await ctx.engine.reads.latestDefinitionByKey(key))?.id ?? '')) latestGone.push(key);
    }
    const log: UserOperationLogRecord[] = [];
    for (const d of definitions) {
      logUserOperation(log, { operationType: 'Delete', entityType: 'ProcessDefinition', category: 'Operator', processDefinitionId: d.id, processDefinitionKey: d.key, deploymentId: d.deploymentId }, [{ property: 'cascade', newValue: cascade }], new Date());
    }
    await deleteDefinitionRows(ctx.store.pool, ids, cascade, log);
    ctx.engine.forgetDefinitions(ids);
    await ctx.engine.restoreStartTriggers(latestGone);
  };

  r.delete('/process-definition/key/:key', async (req, res) => {
    const definitions = await ctx.engine.reads.definitionsByKey(req.params.key);
    if (definitions.length === 0) throw new NotFoundError(`No process definition with key '${req.params.key}'`);
    await remove(req, definitions);
    sendNoContent(res);
  });

  r.delete('/process-definition/:id', async (req, res) => {
    const definition = await ctx.engine.reads.getDefinition(req.params.id);
    if (!definition) throw new NotFoundError(`No process definition with id '${req.params.id}'`);
    await remove(req, [definition]);
    sendNoContent(res);
  });
  return r;
}
