/**
 * Writing user operation log rows from API-side transactions (deployment deletion, incident
 * and operation-log annotations), which do not go through an engine command's ChangeSet.
 */
import type { Pool, PoolClient } from 'pg';
import type { UserOperationLogRecord } from '@baton/engine';
import { toRow } from './row-mapping';

/** Inserts log entries with the given client (inside the caller's transaction). */
export async function insertUserOperations(client: PoolClient, entries: readonly UserOperationLogRecord[]): Promise<void> {
  if (!entries.length) return;
  await client.query(`INSERT INTO user_operation_log SELECT * FROM jsonb_populate_recordset(NULL::user_operation_log, $1::jsonb)`, [JSON.stringify(entries.map(toRow))]);
}

/** Runs `work` and inserts `entries` in one transaction. */
export async function withUserOperations(pool: Pool, entries: readonly UserOperationLogRecord[], work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await insertUserOperations(client, entries);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
