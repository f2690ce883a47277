/**
 * The user operation log (Camunda's /history/user-operation): who did what, with filters,
 * sorting, paging and count, and annotations on an operation's entries. Entries are written
 * by the engine commands themselves, in the transaction of the change.
 */
import { Router, type Request } from 'express';
import { logUserOperation, type UserOperationLogRecord } from '@baton/engine';
import { fromRow, withUserOperations } from '@baton/engine/postgres';
import { principalOf } from '../../auth/authenticator';
import { definitionKeys, restrictByDefinitionKey } from '../../auth/guards';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { body, date, list, page, requiredString, sort, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { userOperationDto } from './user-operation-dto';

type Q = Record<string, unknown>;

/** Query parameter → column, for the equality filters Camunda offers. */
const EQUALS: Record<string, string> = {
  deploymentId: 'deployment_id', processDefinitionId: 'process_definition_id', processDefinitionKey: 'process_definition_key',
  processInstanceId: 'process_instance_id', executionId: 'execution_id', taskId: 'task_id', externalTaskId: 'external_task_id',
  batchId: 'batch_id', jobId: 'job_id', jobDefinitionId: 'job_definition_id', userId: 'user_id', operationId: 'operation_id',
  operationType: 'operation_type', entityType: 'entity_type', category: 'category', property: 'property',
};
const CASE_FILTERS = ['caseDefinitionId', 'caseInstanceId', 'caseExecutionId'];

function filterOf(req: Request, q: Q): SqlFilter {
  const f = new SqlFilter();
  for (const [param, column] of Object.entries(EQUALS)) f.add(`${column} = ?`, str(q, param));
  f.add('entity_type = ANY(?)', list(q, 'entityTypeIn')).add('category = ANY(?)', list(q, 'categoryIn'));
  f.add('timestamp > ?', date(q, 'afterTimestamp')).add('timestamp < ?', date(q, 'beforeTimestamp'));
  // Baton has no CMMN: a case filter matches nothing (Camunda would find no case entries either).
  if (CASE_FILTERS.some((c) => str(q, c) !== undefined)) f.when(true, 'false');
  // As Camunda: entries of a process definition need READ_HISTORY on it; others (deployments,
  // definition-less jobs) need READ_HISTORY on every definition ('*'), which admins have.
  restrictByDefinitionKey(req, f, 'READ_HISTORY', 'process_definition_key');
  return f;
}

/** User operation log routes. */
export function userOperationRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.get('/history/user-operation', async (req, res) => {
    const q = req.query as Q;
    const f = filterOf(req, q);
    const order = sort(q, { timestamp: 'timestamp' }, 'timestamp, id');
    const rows = await f.page(ctx.store.pool, 'user_operation_log', order, page(q, ctx.config.maxResults));
    sendJson(res, rows.map((row) => userOperationDto(fromRow<UserOperationLogRecord>(row, ['timestamp']))));
  });
  r.get('/history/user-operation/count', async (req, res) => {
    sendJson(res, { count: await filterOf(req, req.query as Q).count(ctx.store.pool, 'user_operation_log') });
  });

  const annotate = async (req: Request, annotation: string | null) => {
    const operationId = req.params.operationId!;
    const entries = (await ctx.store.pool.query('SELECT process_definition_key FROM user_operation_log WHERE operation_id = $1', [operationId])).rows;
    if (entries.length === 0) throw new HttpError(400, 'InvalidRequestException', `No user operation log entries found for operation id '${operationId}'`);
    const p = principalOf(req);
    const keys = definitionKeys(req, 'UPDATE_HISTORY');
    const allowed = keys === '*' || entries.every((e) => e.process_definition_key !== null && keys.includes(String(e.process_definition_key)));
    if (!allowed) throw new HttpError(403, 'AuthorizationException', `The user with id '${p.userId}' does not have 'UPDATE_HISTORY' permission on the entries of operation '${operationId}'.`);
    const log: UserOperationLogRecord[] = [];
    const type = annotation === null ? 'ClearAnnotation' : 'SetAnnotation';
    logUserOperation(log, { operationType: type, entityType: 'OperationLog', category: 'Operator' }, [{ property: 'operationId', newValue: operationId }], new Date());
    await withUserOperations(ctx.store.pool, log, async (client) => {
      await client.query('UPDATE user_operation_log SET annotation = $2 WHERE operation_id = $1', [operationId, annotation]);
    });
  };
  r.put('/history/user-operation/:operationId/set-annotation', async (req, res) => {
    await annotate(req, requiredString(body(req), 'annotation'));
    sendNoContent(res);
  });
  r.put('/history/user-operation/:operationId/clear-annotation', async (req, res) => {
    await annotate(req, null);
    sendNoContent(res);
  });
  return r;
}
