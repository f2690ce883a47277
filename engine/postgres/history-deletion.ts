/**
 * Deleting history and deployments. A deployment's rows go after its running instances were
 * cancelled through the engine: timer and other jobs of its definitions, history of its
 * instances (cascade), definitions, resources and the deployment itself, in one transaction.
 */
import type { Pool, PoolClient } from 'pg';
import type { UserOperationLogRecord } from '@baton/engine';
import { withUserOperations } from './user-operation-log';
import { deleteFilesSql } from './variable-files';

const HISTORY_DETAIL_TABLES = ['history_activity_instance', 'history_task', 'history_variable', 'history_variable_update', 'user_operation_log', 'task_attachment'];

/** Deletes the history of the instances selected by `instancesSql` (parameter $1). */
async function deleteHistory(client: PoolClient, instancesSql: string, param: unknown): Promise<void> {
  await client.query(deleteFilesSql(instancesSql), [param]);
  for (const table of HISTORY_DETAIL_TABLES) {
    await client.query(`DELETE FROM ${table} WHERE process_instance_id IN (${instancesSql})`, [param]);
  }
  await client.query(`DELETE FROM history_process_instance WHERE id IN (${instancesSql})`, [param]);
}

/** Deletes every history row of one (ended) instance in one transaction. */
export function deleteInstanceHistory(pool: Pool, instanceId: string, log: readonly UserOperationLogRecord[] = []): Promise<void> {
  return withUserOperations(pool, log, async (client) => {
    // withUserOperations writes the entries after the deletion: the record of who deleted the history outlives it.
    await deleteHistory(client, 'SELECT $1::text', instanceId);
  });
}

/**
 * Deletes the variable history of one instance (current values and updates) and the files only
 * history still referenced; files of the instance's current runtime variables stay.
 */
export function deleteInstanceVariableHistory(pool: Pool, instanceId: string, log: readonly UserOperationLogRecord[] = []): Promise<void> {
  return withUserOperations(pool, log, async (client) => {
    await client.query(
      `${deleteFilesSql('SELECT $1::text')} AND id NOT IN (SELECT value->>'fileId' FROM variable WHERE type = 'File' AND process_instance_id = $1 AND value->>'fileId' IS NOT NULL)`,
      [instanceId],
    );
    await client.query('DELETE FROM history_variable_update WHERE process_instance_id = $1', [instanceId]);
    await client.query('DELETE FROM history_variable WHERE process_instance_id = $1', [instanceId]);
  });
}

/** Deletes everything of a deployment; `withHistory` also deletes the history of its instances. */
export function deleteDeploymentRows(pool: Pool, deploymentId: string, withHistory: boolean, log: readonly UserOperationLogRecord[] = []): Promise<void> {
  return withUserOperations(pool, log, async (client) => {
    const ids = (await client.query('SELECT id FROM process_definition WHERE deployment_id = $1', [deploymentId])).rows.map((r) => String(r.id));
    await client.query('DELETE FROM job WHERE definition_id = ANY($1)', [ids]);
    await client.query('DELETE FROM event_subscription WHERE definition_id = ANY($1)', [ids]);
    if (withHistory) await deleteHistory(client, 'SELECT id FROM history_process_instance WHERE definition_id = ANY($1)', ids);
    await client.query('DELETE FROM deployment WHERE id = $1', [deploymentId]);
  });
}

/** Deletes process definitions (their running instances already cancelled): jobs, start subscriptions, `withHistory` their history. */
export function deleteDefinitionRows(pool: Pool, ids: readonly string[], withHistory: boolean, log: readonly UserOperationLogRecord[] = []): Promise<void> {
  return withUserOperations(pool, log, async (client) => {
    await client.query('DELETE FROM job WHERE definition_id = ANY($1)', [ids]);
    await client.query('DELETE FROM event_subscription WHERE definition_id = ANY($1)', [ids]);
    if (withHistory) await deleteHistory(client, 'SELECT id FROM history_process_instance WHERE definition_id = ANY($1)', ids);
    await client.query('DELETE FROM process_definition WHERE id = ANY($1)', [ids]);
  });
}
