/**
 * The statements that open and end every command transaction, and the settings it starts with
 * (SET LOCAL, through set_config(…, true)).
 *
 * Why `enable_seqscan = off`: every statement a command sends selects rows by a key that has
 * an index (cached-plans.test.ts checks that on fresh tables), and each is planned once per
 * connection. The runtime tables hold few live rows and many dead ones between vacuums; once
 * autovacuum has analyzed one while it was nearly empty, the planner prices a sequential scan
 * below the index for `id = $1`, keeps that plan, and every later execution reads every page of
 * the table, dead rows included, until the next ANALYZE (the benchmark's growth levels after a
 * VACUUM: PostgreSQL CPU per user-task cycle 0.86–0.92 against 0.47–0.57 ms). Only commands get
 * the setting: list queries, which may rightly scan, keep the planner's choice.
 */
import type { BatchStatement } from './statement-batch';

/** Opens a command's transaction (sent with its first statement). */
export const BEGIN: BatchStatement = { sql: 'BEGIN', params: [] };
/** Ends it (sent with its flush). */
export const COMMIT: BatchStatement = { sql: 'COMMIT', params: [] };

/** Index plans for the transaction's statements (see the file comment). */
export const COMMAND_SETTINGS: BatchStatement = { sql: `SELECT set_config('enable_seqscan', 'off', true)`, params: [] };

/**
 * The same for a group commit, with a lock timeout. Why: members lock distinct instances, so a
 * group waits for a lock only when a member's instance is busy with another command (whose
 * commit a cached command usually finds stale anyway). Without the timeout, the group's other
 * members and every group behind it would wait for that command, which may run handlers for
 * seconds; with it, the group fails fast and its members go alone, outside the queue, the busy
 * one waiting as it would have without group commit (group-commit.ts).
 */
export const GROUP_SETTINGS: BatchStatement = {
  sql: `SELECT set_config('enable_seqscan', 'off', true), set_config('lock_timeout', '50ms', true)`,
  params: [],
};
