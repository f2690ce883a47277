/**
 * Job acquisition and external task locking in SQL. FOR UPDATE SKIP LOCKED lets any number
 * of nodes acquire concurrently without waiting for each other; leases (lock_expires_at) use
 * the database clock, so node clocks never decide who owns a job.
 */
import type { Pool } from 'pg';
import type { AcquiredJob, ExternalTaskPort, ExternalTaskRecord, JobPort, TopicRequest } from '@baton/engine';
import type { PostgresNotifier } from './postgres-notifier';
import { DATE_FIELDS, fromRow } from './row-mapping';

/** Tracks the offset between the database clock and this node's clock. */
export class DatabaseClock {
  private offsetMs = 0;

  /** Now, on the database's clock (as last measured). */
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** Records a database timestamp read between `sentAt` and now. */
  observe(dbNow: Date, sentAt: number): void {
    this.offsetMs = dbNow.getTime() - (sentAt + Date.now()) / 2;
  }

  /** Measures the offset once. */
  async sync(pool: Pool): Promise<void> {
    const sentAt = Date.now();
    const { rows } = await pool.query<{ now: Date }>('SELECT now() AS now');
    this.observe(rows[0]!.now, sentAt);
  }
}

const ACQUIRE = `
  WITH picked AS (
    SELECT id FROM job
    WHERE retries > 0 AND NOT suspended AND due_at <= now()
      AND (lock_expires_at IS NULL OR lock_expires_at < now())
    ORDER BY priority DESC, due_at
    LIMIT $3
    FOR UPDATE SKIP LOCKED
  )
  UPDATE job j SET lock_owner = $1, lock_expires_at = now() + $2 * interval '1 millisecond'
  FROM picked WHERE j.id = picked.id
  RETURNING j.id, j.process_instance_id, j.priority, j.due_at, now() AS db_now`;

/** Job acquisition for the job executor. */
export class PostgresJobs implements JobPort {
  constructor(private readonly pool: Pool, private readonly notifier: PostgresNotifier, private readonly clock: DatabaseClock) {}

  async acquire(owner: string, leaseMs: number, max: number): Promise<AcquiredJob[]> {
    const sentAt = Date.now();
    const { rows } = await this.pool.query(ACQUIRE, [owner, leaseMs, max]);
    if (rows[0]) this.clock.observe(rows[0].db_now as Date, sentAt);
    const jobs = rows.map((r) => ({ id: String(r.id), instanceId: (r.process_instance_id as string | null) ?? null, priority: Number(r.priority), dueAt: r.due_at as Date }));
    // UPDATE … RETURNING has no order: start the batch in priority order too.
    return jobs.sort((x, y) => y.priority - x.priority || x.dueAt.getTime() - y.dueAt.getTime());
  }

  async nextDueInMs(): Promise<number | null> {
    const { rows } = await this.pool.query(
      // NULL when there is no job at all (greatest(0, NULL) would be 0 and make an idle node
      // poll every few milliseconds); the executor then backs off and relies on NOTIFY.
      `SELECT CASE WHEN next IS NULL THEN NULL ELSE greatest(0, extract(epoch FROM next - now()) * 1000)::float8 END AS ms
         FROM (SELECT min(greatest(due_at, coalesce(lock_expires_at, due_at))) AS next FROM job WHERE retries > 0 AND NOT suspended) n`,
    );
    const ms = rows[0]?.ms as number | null | undefined;
    return ms === null || ms === undefined ? null : Math.ceil(ms);
  }

  async release(owner: string): Promise<void> {
    await this.pool.query(`UPDATE job SET lock_owner = NULL, lock_expires_at = NULL WHERE lock_owner = $1`, [owner]);
  }

  subscribe(listener: () => void): Promise<() => Promise<void>> {
    return this.notifier.subscribe('baton_job', listener);
  }
}

const LOCK_TASKS = `
  WITH picked AS (
    SELECT id FROM external_task t
    WHERE topic_name = $2 AND NOT suspended AND (retries IS NULL OR retries > 0)
      AND (lock_expires_at IS NULL OR lock_expires_at < now())
      AND ($4::text IS NULL OR business_key = $4)
      AND ($5::text[] IS NULL OR definition_id = ANY($5))
      AND ($6::text[] IS NULL OR definition_key = ANY($6))
      AND ($10::text[] IS NULL OR tenant_id = ANY($10))
      AND (NOT $11 OR tenant_id IS NULL)
      AND ($12::text IS NULL OR definition_id IN (SELECT d.id FROM process_definition d WHERE d.version_tag = $12))
      AND ($7::jsonb IS NULL OR NOT EXISTS (
        SELECT 1 FROM jsonb_each($7) f WHERE NOT EXISTS (
          SELECT 1 FROM variable v WHERE v.process_instance_id = t.process_instance_id
            AND v.scope_id = t.process_instance_id AND v.name = f.key AND v.value = f.value)))
    ORDER BY (CASE WHEN $8 THEN priority ELSE 0 END) DESC, created, id
    LIMIT $9
    FOR UPDATE SKIP LOCKED
  )
  UPDATE external_task t SET worker_id = $1, lock_expires_at = now() + $3 * interval '1 millisecond'
  FROM picked WHERE t.id = picked.id
  RETURNING t.*`;

/** External task locking for fetchAndLock. */
export class PostgresExternalTasks implements ExternalTaskPort {
  constructor(private readonly pool: Pool, private readonly notifier: PostgresNotifier) {}

  async lock(workerId: string, topics: readonly TopicRequest[], maxTasks: number, usePriority: boolean): Promise<ExternalTaskRecord[]> {
    const out: ExternalTaskRecord[] = [];
    for (const t of topics) {
      if (out.length >= maxTasks) break;
      const vars = t.processVariables && Object.keys(t.processVariables).length ? JSON.stringify(t.processVariables) : null;
      const { rows } = await this.pool.query(LOCK_TASKS, [
        workerId, t.topicName, t.lockDurationMs, t.businessKey ?? null, t.processDefinitionIds ?? null,
        t.processDefinitionKeys ?? null, vars, usePriority, maxTasks - out.length,
        t.tenantIds ?? null, t.withoutTenantId === true, t.processDefinitionVersionTag ?? null,
      ]);
      const locked = rows.map((r) => fromRow<ExternalTaskRecord>(r, DATE_FIELDS.externalTask));
      if (usePriority) locked.sort((a, b) => b.priority - a.priority);
      out.push(...locked);
    }
    return out;
  }

  async nextUnlockInMs(topicNames: readonly string[]): Promise<number | null> {
    const { rows } = await this.pool.query(
      `SELECT extract(epoch FROM (min(lock_expires_at) - now())) * 1000 AS ms FROM external_task
       WHERE topic_name = ANY($1) AND lock_expires_at > now() AND (retries IS NULL OR retries > 0) AND NOT suspended`,
      [topicNames],
    );
    const ms = rows[0]?.ms as string | number | null | undefined;
    return ms === null || ms === undefined ? null : Math.ceil(Number(ms));
  }

  subscribe(listener: () => void): Promise<() => Promise<void>> {
    return this.notifier.subscribe('baton_external_task', listener);
  }
}
