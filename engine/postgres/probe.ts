/** Whether a PostgreSQL server answers at a URL (used to choose between it and the embedded one). */
import pg from 'pg';

/** True when a connection to `url` succeeds within 2 s and runs a query. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
