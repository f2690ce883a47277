/**
 * Group commit for write-only transactions: a command that read nothing inside its transaction
 * (a start on a cached definition, a command on a cached working set) hands its flush to this
 * queue instead of holding a connection. While fewer than `groups` groups are in flight, a
 * transaction goes out at once; otherwise it waits and leaves with the others that wait
 * (grouping-queue.ts), as one transaction in one round trip: BEGIN, the members' statements,
 * COMMIT, where the members' plain INSERTs into one table become one statement (see `merged`).
 *
 * Why: a user-task cycle's two commits each cost a round trip, a backend wake-up, a transaction
 * and about ten statements of their own; on two shared cores that was most of PostgreSQL's CPU
 * per cycle (w1 at 32 clients, 2x16: 1.0 → 0.5 ms). A member alone pays nothing for it: no timer
 * and no wait when fewer groups than `groups` are in flight.
 *
 * A group runs under a lock timeout (GROUP_SETTINGS, transaction-settings.ts). A failed group is
 * rolled back and its members run again each alone, without it, so every member gets the
 * outcome it would have had alone (a stale cached revision, a lock another command holds). Not
 * retried: a failure PostgreSQL did not report (a lost connection), after which the group may
 * have committed, and a lone member's own error. Members are ordered by the instance they
 * lock, and one group never holds two members that lock the same instance, so groups lock
 * instances in one order.
 */
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { groupingFromEnvironment, GroupingQueue, type GroupingOptions, type Outcome } from './grouping-queue';
import { runBatch, type BatchStatement } from './statement-batch';
import { BEGIN, COMMAND_SETTINGS, COMMIT, GROUP_SETTINGS } from './transaction-settings';

/** How many groups may be in flight, and how many members one group may hold. */
export type GroupCommitOptions = GroupingOptions;

interface Member {
  readonly statements: readonly BatchStatement[];
  /** The instance whose row the member locks first (its sort key), or '' if it locks none. */
  readonly locks: string;
  resolve(): void;
  reject(err: unknown): void;
}

/** SQLSTATE of a lock wait that ran into lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

/** Sends write-only transactions, alone or grouped (see the file comment). */
export class GroupCommit {
  private readonly queue: GroupingQueue<Member, void>;

  constructor(
    private readonly pool: Pool,
    private readonly options: GroupCommitOptions,
  ) {
    this.queue = new GroupingQueue(options.groups, {
      take: (waiting) => this.take(waiting),
      // Under the lock timeout, so that a member that waits for a lock fails its group fast.
      send: (group) => this.send([GROUP_SETTINGS, ...merged(group.map((m) => m.statements))]),
      settle: (group, outcome) => this.settle(group, outcome),
    });
  }

  /** Commits the statements (without BEGIN/COMMIT) as one transaction, possibly shared. */
  commit(statements: readonly BatchStatement[], locks = ''): Promise<void> {
    return new Promise<void>((resolve, reject) => this.queue.push({ statements, locks, resolve, reject }));
  }

  /** The next group: waiting members in arrival order, at most one per locked instance. */
  private take(waiting: Member[]): Member[] {
    const group: Member[] = [];
    const locked = new Set<string>();
    for (let i = 0; i < waiting.length && group.length < this.options.maxMembers; ) {
      const m = waiting[i]!;
      if (m.locks && locked.has(m.locks)) {
        i++;
        continue;
      }
      if (m.locks) locked.add(m.locks);
      group.push(m);
      waiting.splice(i, 1);
    }
    return group.sort((a, b) => (a.locks < b.locks ? -1 : a.locks > b.locks ? 1 : 0));
  }

  /**
   * A failed group's members run again each alone, outside the queue and without the lock
   * timeout, so a member that waits for a lock holds back neither the group nor the queue.
   */
  private async settle(group: Member[], outcome: Outcome<void>): Promise<void> {
    if (outcome.ok) {
      for (const m of group) m.resolve();
      return;
    }
    const failure = outcome.error;
    if (failure instanceof pg.DatabaseError && (group.length > 1 || failure.code === LOCK_NOT_AVAILABLE)) {
      // Each alone: the group's failure says nothing about which member failed.
      await Promise.all(group.map((m) => this.send([COMMAND_SETTINGS, ...m.statements]).then(m.resolve, m.reject)));
    } else {
      for (const m of group) m.reject(failure);
    }
  }

  private async send(statements: readonly BatchStatement[]): Promise<void> {
    const client: PoolClient = await this.pool.connect();
    try {
      await runBatch(client, [BEGIN, ...statements, COMMIT]);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

/**
 * Options from BATON_GROUP_COMMIT: `off` (null: every command commits on the connection it
 * holds, as before group commit) or `<groups>x<members>`. Default: 2 groups of up to 16
 * members, the least PostgreSQL CPU per user-task cycle at 8 and 32 clients in the benchmark on
 * two cores (2x16, 4x16, 8x8 and 1x32 measured, 2026-11-24).
 */
export function groupCommitFromEnvironment(env: NodeJS.ProcessEnv = process.env): GroupCommitOptions | null {
  return groupingFromEnvironment('BATON_GROUP_COMMIT', '2x16', env);
}

/**
 * The members' statements as one sequence: each member's in its own order, and a plain INSERT
 * that several members make into one table as one statement with all their rows. Correct for
 * any interleaving because members touch disjoint instances; merging follows the flush order
 * (`rowsOrder`): the insert that comes first in it goes next, so members wait for each other
 * at each table instead of passing it.
 */
export function merged(members: ReadonlyArray<readonly BatchStatement[]>): BatchStatement[] {
  if (members.length === 1) return [...members[0]!];
  const out: BatchStatement[] = [];
  const next = members.map(() => 0);
  for (;;) {
    // Everything up to each member's next mergeable insert goes out as it comes.
    let first: BatchStatement | undefined;
    members.forEach((statements, m) => {
      let s = statements[next[m]!];
      while (s && s.rowsOrder === undefined) {
        out.push(s);
        s = statements[++next[m]!];
      }
      if (s && (!first || s.rowsOrder! < first.rowsOrder!)) first = s;
    });
    if (!first) return out;
    const rows: string[] = [];
    members.forEach((statements, m) => {
      const s = statements[next[m]!];
      if (s?.sql === first!.sql) {
        const inner = (s.params[0] as string).slice(1, -1);
        if (inner) rows.push(inner);
        next[m]!++;
      }
    });
    out.push(rows.length <= 1 ? first : { sql: first.sql, params: [`[${rows.join(',')}]`], rowsOrder: first.rowsOrder });
  }
}
