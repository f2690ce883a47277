/**
 * Grouped reads: the store's reads outside a transaction (an instance, a task, a definition, an
 * instance's tasks or variables; `StoreReads`) and the API's key lookups on the store's pool
 * (`queryPrepared`: the tasks of one instance, one task by id) go through this queue. While
 * fewer than `groups` groups are in flight, a read goes out at once, alone; otherwise it waits,
 * and the reads waiting when a place frees leave together, up to `maxMembers`, as one batch of
 * statements in one round trip on one connection (grouping-queue.ts).
 *
 * Why: under load each read was a round trip of its own, with its own connection checkout,
 * socket write and backend wake-up on both sides. In the user-task cycle the task query is the
 * one read, and it was most of the engine process's round trips once group commit shared the
 * commits: grouping reads raised w1 at 32 clients through the engine API by about 13 % and
 * lowered PostgreSQL's CPU per cycle by about an eighth; through REST, where the server's own
 * CPU limits, by 4-8 % (bench/README.md, eleventh round).
 *
 * A batch without BEGIN is one implicit transaction, and each statement in it still takes its
 * own snapshot (READ COMMITTED), as it would alone. Its cost: a read waits for the reads grouped
 * with it, so only small reads belong here (lookups by key: a list query with any
 * other filter, or `findTasks` by assignee or group, runs alone), and a statement
 * that fails aborts those after it; so a failed group's members run again each alone, and each
 * gets the outcome it would have had alone (whatever the failure: a read changes nothing, so
 * running one again is harmless, unlike a commit after a lost connection).
 */
import type { Pool } from 'pg';
import { groupingFromEnvironment, GroupingQueue, type GroupingOptions, type Outcome } from './grouping-queue';
import { runBatch, type BatchStatement } from './statement-batch';

type Row = Record<string, unknown>;

interface Member {
  readonly statement: BatchStatement;
  resolve(rows: Row[]): void;
  reject(err: unknown): void;
}

/** Runs single-statement reads, alone or grouped (see the file comment). */
export class GroupRead {
  private readonly queue: GroupingQueue<Member, Row[][]>;

  constructor(
    private readonly pool: Pool,
    options: GroupingOptions,
  ) {
    this.queue = new GroupingQueue(options.groups, {
      take: (waiting) => waiting.splice(0, options.maxMembers),
      send: (group) => readBatch(pool, group.map((m) => m.statement)),
      settle: (group, outcome) => this.settle(group, outcome),
    });
  }

  /** The rows of one statement, read alone or in a group. */
  read(statement: BatchStatement): Promise<Row[]> {
    return new Promise<Row[]>((resolve, reject) => this.queue.push({ statement, resolve, reject }));
  }

  private async settle(group: Member[], outcome: Outcome<Row[][]>): Promise<void> {
    if (outcome.ok) {
      group.forEach((m, i) => m.resolve(outcome.value[i]!));
    } else if (group.length > 1) {
      // Each alone: the group's failure says nothing about the members after the one that
      // failed. Unlike a commit, any failure can be retried: a read changes nothing.
      await Promise.all(group.map((m) => readRows(this.pool, m.statement, null).then(m.resolve, m.reject)));
    } else {
      for (const m of group) m.reject(outcome.error);
    }
  }
}

/**
 * The grouped reads of each store's pool. Why a registry: the API's key lookups
 * (`queryPrepared`) arrive with the pool only; the first store on a pool that groups reads
 * registers its queue, and lookups on that pool join it.
 */
const groupsOfPool = new WeakMap<Pool, GroupRead>();

/** Lets key lookups on `pool` (queryPrepared) join `group`, unless another store's queue has. */
export function shareGroupRead(pool: Pool, group: GroupRead): void {
  if (!groupsOfPool.has(pool)) groupsOfPool.set(pool, group);
}

/**
 * One statement on a pooled connection as a named statement: parsed and planned once per
 * connection (PostgreSQL chooses between custom and generic plans after five executions, as
 * for JDBC's server-prepared statements), grouped with the store's reads under load when the
 * pool's store groups them. For list queries whose every filter is a key: a few rows, quickly.
 */
export function queryPrepared(pool: Pool, sql: string, params: readonly unknown[]): Promise<Row[]> {
  return readRows(pool, { sql, params }, groupsOfPool.get(pool));
}

/** The rows of one statement: through `group` when there is one, else alone on a pooled connection. */
export async function readRows(pool: Pool, statement: BatchStatement, group: GroupRead | null | undefined): Promise<Row[]> {
  return group ? group.read(statement) : (await readBatch(pool, [statement]))[0]!;
}

/** Runs `statements` in one round trip on a pooled connection, outside any transaction of ours. */
async function readBatch(pool: Pool, statements: readonly BatchStatement[]): Promise<Row[][]> {
  const client = await pool.connect();
  try {
    return await runBatch(client, statements);
  } finally {
    client.release();
  }
}

/**
 * Options from BATON_GROUP_READ: `off` (null: every read on a connection of its own) or
 * `<groups>x<members>`. Default 2x16: with group commit's 2x16, w1 at 32 clients gave
 * 2,349–2,375 cycles/s against 2,061–2,151 without; 1x32 gave as much, 4x8 less (2026-12-06).
 */
export function groupReadFromEnvironment(env: NodeJS.ProcessEnv = process.env): GroupingOptions | null {
  return groupingFromEnvironment('BATON_GROUP_READ', '2x16', env);
}
