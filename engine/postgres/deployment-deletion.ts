/**
 * Removes a deployment's rows after its running instances were cancelled through the engine:
 * timer and other jobs of its definitions, history of its instances (cascade), definitions,
 * resources and the deployment itself, in one transaction.
 */
import type { Pool } from 'pg';

/** Deletes everything of a deployment; `withHistory` also deletes the history of its instances. */
export async function deleteDeploymentRows(pool: Pool, deploymentId: string, withHistory: boolean): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const ids = (await client.query('SELECT id FROM process_definition WHERE deployment_id = $1', [deploymentId])).rows.map((r) => String(r.id));
    await client.query('DELETE FROM job WHERE definition_id = ANY($1)', [ids]);
    if (withHistory) {
      const instances = `SELECT id FROM history_process_instance WHERE definition_id = ANY($1)`;
      for (const table of ['history_activity_instance', 'history_task', 'history_variable', 'history_variable_update']) {
        await client.query(`DELETE FROM ${table} WHERE process_instance_id IN (${instances})`, [ids]);
      }
      await client.query('DELETE FROM history_process_instance WHERE definition_id = ANY($1)', [ids]);
    }
    await client.query('DELETE FROM deployment WHERE id = $1', [deploymentId]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
