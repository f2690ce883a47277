/**
 * For SQL-level tests of user_task: rows written straight into the table, past the engine,
 * with placeholder values for the columns the test does not care about.
 */
import type { Pool } from 'pg';

/** The columns a test sets; the others get placeholders. */
export interface TaskRow {
  readonly id: string;
  readonly assignee?: string | null;
  readonly owner?: string | null;
  readonly candidateUsers?: readonly string[] | null;
  readonly candidateGroups?: readonly string[] | null;
}

/** Inserts `rows` into user_task in one statement (named after each row's id, created now). */
export async function insertTaskRows(pool: Pool, rows: readonly TaskRow[]): Promise<void> {
  const params: unknown[] = [];
  const values = rows.map((r) => {
    const p = (v: unknown) => `$${params.push(v)}`;
    return `(${p(r.id)}, 'pi', 'tok', 'act', 'def', 'key', 'task', ${p(r.id)}, ${p(r.assignee ?? null)}, ${p(r.owner ?? null)}, ${p(r.candidateUsers ?? null)}::text[], ${p(r.candidateGroups ?? null)}::text[], now(), 50)`;
  });
  await pool.query(
    `INSERT INTO user_task (id, process_instance_id, token_id, activity_instance_id, definition_id, definition_key, task_definition_key, name,
                            assignee, owner, candidate_users, candidate_groups, created, priority)
     VALUES ${values.join(', ')}`,
    params,
  );
}
