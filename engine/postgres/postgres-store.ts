/**
 * PostgreSQL adapter of the engine's persistence port, in raw SQL over the DataSource's pg
 * pool (no ORM change tracking on hot paths). A command that reads holds one connection from
 * BEGIN to COMMIT; the instance row lock (SELECT … FOR UPDATE) serializes commands on one
 * instance. A command that only writes takes none and commits through group-commit.ts.
 */
import type { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';
import type {
  ChangeSet, DeploymentRecord, EventSubscriptionRecord, ExternalTaskPort, ExternalTaskRecord, JobPort, JobRecord, HistoricActivityInstanceRecord, HistoricProcessInstanceRecord, HistoricTaskRecord,
  IncidentRecord, InstanceSnapshot, InstanceTarget, NewDeployment, PersistencePort, ProcessDefinitionRecord, ResourceRecord,
  StoreReads, StoreTransaction, SubscriptionQuery, TaskFilter, TaskRecord,
} from '@baton/engine';
import { StaleDefinitionError, StaleInstanceError } from '@baton/engine';
import { poolOf } from './data-source';
import { flushStatements, notifications } from './flush-sql';
import { DatabaseClock, PostgresExternalTasks, PostgresJobs } from './postgres-jobs';
import { PostgresNotifier } from './postgres-notifier';
import { runBatch, type BatchStatement } from './statement-batch';
import { BEGIN, COMMAND_SETTINGS, COMMIT } from './transaction-settings';
import { GroupCommit, groupCommitFromEnvironment, type GroupCommitOptions } from './group-commit';
import { GroupRead, groupReadFromEnvironment, readRows, shareGroupRead } from './group-read';
import type { GroupingOptions } from './grouping-queue';
import { DATE_FIELDS, fromRow, instanceFromRow, taskFromRow, toRow, variableFromRow } from './row-mapping';

type Row = Record<string, unknown>;

/** Tables of the rows an instance owns, by InstanceTarget owner. */
const OWNER_TABLES = { task: 'user_task', externalTask: 'external_task', incident: 'incident' } as const;

/**
 * The statements that lock an instance and load its working set, by how the instance is given:
 * its id, or the task, external task or incident it owns (found inside the statements, so no
 * lookup round trip before the lock; a row gone meanwhile leaves no instance).
 *
 * Lock order: the root instance first (for a root instance, itself), then the instance.
 * Commands on called instances lock their root, so a child completing its parent and a parent
 * cancelling its children serialize on one row instead of deadlocking. The subquery reads
 * root_instance_id, which never changes, so its snapshot cannot be stale. Separate statements
 * on purpose, sent in one round trip: each statement of a batch takes its snapshot when it
 * starts, so after waiting for a lock the next ones see what the previous holder committed (a
 * subquery of the locking statement would not). Locking an instance that is its own root a
 * second time costs nothing: the transaction holds the lock already.
 */
function lockStatements(by: 'instance' | keyof typeof OWNER_TABLES): readonly [string, string, string] {
  let cached = LOCK_STATEMENTS.get(by);
  if (cached) return cached;
  const id = by === 'instance' ? '$1::text' : `(SELECT process_instance_id FROM ${OWNER_TABLES[by]} WHERE id = $1)`;
  const of = (alias: string, table: string, column: string) =>
    `(SELECT coalesce(jsonb_agg(${alias}), '[]') FROM ${table} ${alias} WHERE ${alias}.process_instance_id = (SELECT id FROM owner)) AS ${column}`;
  cached = [
    `SELECT id FROM process_instance WHERE id = coalesce((SELECT root_instance_id FROM process_instance WHERE id = ${id}), ${id}) FOR UPDATE`,
    `SELECT * FROM process_instance WHERE id = ${id} FOR UPDATE`,
    `WITH owner AS (SELECT ${id} AS id) SELECT ${[
      of('v', 'variable', 'variables'), of('t', 'user_task', 'tasks'), of('i', 'incident', 'incidents'), of('j', 'job', 'jobs'),
      of('x', 'external_task', 'external_tasks'), of('e', 'event_subscription', 'event_subscriptions'),
    ].join(', ')}`,
  ];
  LOCK_STATEMENTS.set(by, cached);
  return cached;
}
const LOCK_STATEMENTS = new Map<string, readonly [string, string, string]>();

/** The PostgreSQL store. */
export class PostgresStore implements PersistencePort {
  readonly pool: Pool;
  readonly reads: StoreReads;
  readonly jobs: JobPort;
  readonly externalTasks: ExternalTaskPort;
  readonly notifier: PostgresNotifier;
  private readonly dbClock = new DatabaseClock();
  /** Database time (offset-corrected local clock, re-measured by every job acquisition). */
  readonly clock = this.dbClock.now;

  private readonly groupCommit: GroupCommit | null;

  /**
   * `groupCommit`: null commits every command on its own connection (default: BATON_GROUP_COMMIT);
   * `groupRead`: null runs every read on its own connection (default: BATON_GROUP_READ).
   */
  constructor(
    readonly dataSource: DataSource,
    groupCommit: GroupCommitOptions | null = groupCommitFromEnvironment(),
    groupRead: GroupingOptions | null = groupReadFromEnvironment(),
  ) {
    this.pool = poolOf(dataSource);
    const readGroup = groupRead && new GroupRead(this.pool, groupRead);
    if (readGroup) shareGroupRead(this.pool, readGroup);
    this.reads = new PostgresReads(this.pool, readGroup);
    this.notifier = new PostgresNotifier(this.pool);
    this.jobs = new PostgresJobs(this.pool, this.notifier, this.dbClock);
    this.externalTasks = new PostgresExternalTasks(this.pool, this.notifier);
    this.groupCommit = groupCommit && new GroupCommit(this.pool, groupCommit);
  }

  /** Measures the offset between the database clock and this node's clock. */
  syncClock(): Promise<void> {
    return this.dbClock.sync(this.pool);
  }

  async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    // BEGIN travels with the transaction's first statement: a command that only writes (a new
    // instance's start, a command on a cached working set) takes no connection until it commits.
    const tx = new PostgresTransaction(this.pool, [BEGIN, COMMAND_SETTINGS]);
    try {
      const result = await work(tx);
      const statements = tx.takePending();
      if (tx.client) {
        // The flush and COMMIT travel together: one round trip for all writes of a command.
        await runBatch(tx.client, [...statements, COMMIT]);
      } else if (statements.length > 2) {
        // Nothing was sent yet: the statements after BEGIN and the settings may share a
        // transaction with other commands' (group-commit.ts).
        if (this.groupCommit) await this.groupCommit.commit(statements.slice(2), tx.lockedInstance);
        else await runBatch(await tx.connect(), [...statements, COMMIT]);
      }
      return result;
    } catch (err) {
      if (tx.client) await tx.client.query('ROLLBACK').catch(() => undefined);
      throw tx.failedExpectation(err) ?? err;
    } finally {
      tx.release();
    }
  }

  async close(): Promise<void> {
    await this.notifier.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

class PostgresTransaction implements StoreTransaction {
  /** The connection, taken by the first statement that must be answered before COMMIT. */
  client: PoolClient | undefined;
  private connecting: Promise<PoolClient> | undefined;

  constructor(
    private readonly pool: Pool,
    /** Statements not sent yet: BEGIN at first, then flushed writes; they go out with the next query or COMMIT. */
    private pending: BatchStatement[] = [],
  ) {}

  /** The instance the transaction locks by its revision check, for group commit's lock order. */
  get lockedInstance(): string {
    return this.expectedRevision?.instanceId ?? '';
  }

  /** The transaction's connection, taken on first use. */
  connect(): Promise<PoolClient> {
    this.connecting ??= this.pool.connect().then((c) => (this.client = c));
    return this.connecting;
  }

  /** Returns the connection, if one was taken, to the pool. */
  release(): void {
    this.client?.release();
  }

  /** Statements queued by flush, removed from the queue. */
  takePending(): BatchStatement[] {
    const statements = this.pending;
    this.pending = [];
    return statements;
  }

  /** Runs the pending statements and then these, in one round trip; answers the rows of these. */
  private async queries(statements: readonly BatchStatement[]): Promise<Row[][]> {
    const client = await this.connect();
    const pending = this.takePending();
    const results = await runBatch(client, [...pending, ...statements]);
    return results.slice(pending.length);
  }

  private async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.queries([{ sql, params }]))[0]!;
  }

  async setDefinitionsSuspended(ids: readonly string[], suspended: boolean): Promise<void> {
    await this.query('UPDATE process_definition SET suspended = $2 WHERE id = ANY($1)', [[...ids], suspended]);
    await this.query('UPDATE job SET suspended = $2 WHERE definition_id = ANY($1) AND process_instance_id IS NULL', [[...ids], suspended]);
  }

  async lockDefinitionKeys(keys: readonly string[]): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock(hashtext('baton.definition:' || k)) FROM unnest($1::text[]) k ORDER BY k`, [[...new Set(keys)]]);
  }

  async latestVersions(keys: readonly string[]): Promise<Map<string, number>> {
    // Per key through the (key, version) index: a plan cached for `key = ANY($1)` scans the table.
    const rows = await this.query(
      `SELECT k AS key, v.version FROM unnest($1::text[]) k
       CROSS JOIN LATERAL (SELECT max(version) AS version FROM process_definition WHERE key = k) v WHERE v.version IS NOT NULL`,
      [[...keys]],
    );
    return new Map(rows.map((r) => [String(r.key), Number(r.version)]));
  }

  async latestResourcesOfDeploymentName(name: string) {
    const [latest] = await this.query(`SELECT * FROM deployment WHERE name = $1 ORDER BY deployment_time DESC, id DESC LIMIT 1`, [name]);
    if (!latest) return null;
    const resources = await this.query(
      `SELECT DISTINCT ON (r.name) r.* FROM resource r JOIN deployment d ON d.id = r.deployment_id
       WHERE d.name = $1 ORDER BY r.name, d.deployment_time DESC, d.id DESC`,
      [name],
    );
    return { deployment: fromRow<DeploymentRecord>(latest), resources: resources.map((r) => fromRow<ResourceRecord>(r)) };
  }

  async insertDeployment(d: NewDeployment): Promise<void> {
    await this.query(`INSERT INTO deployment SELECT * FROM jsonb_populate_recordset(NULL::deployment, $1::jsonb)`, [JSON.stringify([toRow(d.deployment)])]);
    if (d.resources.length) {
      await this.query(`INSERT INTO resource SELECT * FROM jsonb_populate_recordset(NULL::resource, $1::jsonb)`, [JSON.stringify(d.resources.map(toRow))]);
    }
    if (d.definitions.length) {
      await this.query(`INSERT INTO process_definition SELECT * FROM jsonb_populate_recordset(NULL::process_definition, $1::jsonb)`, [
        JSON.stringify(d.definitions.map(toRow)),
      ]);
      const keys = [...new Set(d.definitions.map((def) => def.key))];
      await this.query(`DELETE FROM job WHERE handler_type = 'timer-start-event' AND definition_key = ANY($1)`, [keys]);
    }
    if (d.definitions.length) {
      const keys = [...new Set(d.definitions.map((def) => def.key))];
      await this.query(`DELETE FROM event_subscription WHERE process_instance_id IS NULL AND definition_key = ANY($1)`, [keys]);
    }
    if (d.startSubscriptions.length) {
      await this.query(`INSERT INTO event_subscription SELECT * FROM jsonb_populate_recordset(NULL::event_subscription, $1::jsonb)`, [
        JSON.stringify(d.startSubscriptions.map(toRow)),
      ]);
    }
    if (d.timerStartJobs.length) {
      await this.query(`INSERT INTO job SELECT * FROM jsonb_populate_recordset(NULL::job, $1::jsonb)`, [JSON.stringify(d.timerStartJobs.map(toRow))]);
      await this.query(`NOTIFY baton_job`);
    }
  }

  async lockInstance(target: InstanceTarget): Promise<InstanceSnapshot | null> {
    const param = typeof target === 'string' ? target : target.id;
    const [lockRoot, lockInstance, loadChildren] = lockStatements(typeof target === 'string' ? 'instance' : target.owner);
    const [, [row], [children]] = await this.queries([
      { sql: lockRoot, params: [param] },
      { sql: lockInstance, params: [param] },
      { sql: loadChildren, params: [param] },
    ]) as [Row[], Row[], Row[]];
    if (!row) return null;
    const c = children as { variables: Row[]; tasks: Row[]; incidents: Row[]; jobs: Row[]; external_tasks: Row[]; event_subscriptions: Row[] };
    return {
      instance: instanceFromRow(row),
      variables: c.variables.map(variableFromRow),
      tasks: c.tasks.map(taskFromRow),
      incidents: c.incidents.map((i) => fromRow<IncidentRecord>(i, DATE_FIELDS.incident)),
      jobs: c.jobs.map((j) => fromRow<JobRecord>(j, DATE_FIELDS.job)),
      externalTasks: c.external_tasks.map((x) => fromRow<ExternalTaskRecord>(x, DATE_FIELDS.externalTask)),
      eventSubscriptions: c.event_subscriptions.map((e) => fromRow<EventSubscriptionRecord>(e, DATE_FIELDS.eventSubscription)),
    };
  }

  async replaceStartTriggers(key: string, jobs: readonly JobRecord[], subscriptions: readonly EventSubscriptionRecord[]): Promise<void> {
    await this.query(`DELETE FROM job WHERE handler_type = 'timer-start-event' AND definition_key = $1`, [key]);
    await this.query(`DELETE FROM event_subscription WHERE process_instance_id IS NULL AND definition_key = $1`, [key]);
    if (jobs.length) {
      await this.query(`INSERT INTO job SELECT * FROM jsonb_populate_recordset(NULL::job, $1::jsonb)`, [JSON.stringify(jobs.map(toRow))]);
      await this.query(`NOTIFY baton_job`);
    }
    if (subscriptions.length) {
      await this.query(`INSERT INTO event_subscription SELECT * FROM jsonb_populate_recordset(NULL::event_subscription, $1::jsonb)`, [JSON.stringify(subscriptions.map(toRow))]);
    }
  }

  async findEventSubscriptions(q: SubscriptionQuery): Promise<EventSubscriptionRecord[]> {
    const params: unknown[] = [q.eventType, q.eventName];
    const where = ['e.event_type = $1', 'e.event_name = $2'];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    // A business key restricts waiting instances only; a start event gives the new instance that key.
    if (!q.includeStarts || q.instanceId !== undefined || q.executionId !== undefined) where.push('e.process_instance_id IS NOT NULL');
    if (q.instanceId !== undefined) add('e.process_instance_id = ?', q.instanceId);
    if (q.executionId !== undefined) {
      const n = params.push(q.executionId);
      where.push(`(e.token_id = $${n} OR e.scope_instance_id = $${n})`);
    }
    if (q.businessKey !== undefined) {
      add('(e.process_instance_id IS NULL OR EXISTS (SELECT 1 FROM process_instance p WHERE p.id = e.process_instance_id AND p.business_key = ?))', q.businessKey);
    }
    if (q.createdBefore !== undefined) add('e.created <= ?', q.createdBefore);
    if (q.tenantId !== undefined) where.push(q.tenantId === null ? 'e.tenant_id IS NULL' : `e.tenant_id = $${params.push(q.tenantId)}`);
    const rows = await this.query(`SELECT * FROM event_subscription e WHERE ${where.join(' AND ')} ORDER BY e.process_instance_id, e.created, e.id`, params);
    return rows.map((r) => fromRow<EventSubscriptionRecord>(r, DATE_FIELDS.eventSubscription));
  }

  async getJob(jobId: string): Promise<JobRecord | null> {
    const [row] = await this.query(`SELECT * FROM job WHERE id = $1`, [jobId]);
    return row ? fromRow<JobRecord>(row, DATE_FIELDS.job) : null;
  }

  async lockJob(jobId: string): Promise<JobRecord | null> {
    const [row] = await this.query(`SELECT * FROM job WHERE id = $1 FOR UPDATE`, [jobId]);
    return row ? fromRow<JobRecord>(row, DATE_FIELDS.job) : null;
  }

  /** The definition expectLatestStartable checks (SQLSTATE BT001 means it failed). */
  private expectedStartable: Pick<ProcessDefinitionRecord, 'id' | 'key'> | null = null;
  /** The instance revision expectRevision checks (SQLSTATE BT002 means it failed). */
  private expectedRevision: { readonly instanceId: string; readonly revision: number } | null = null;

  expectLatestStartable(definition: Pick<ProcessDefinitionRecord, 'id' | 'key'>): void {
    this.expectedStartable = definition;
    // Queued, not sent: it travels first in the round trip of the flush and COMMIT (see migration 0013).
    this.pending.push({ sql: 'SELECT baton_expect_latest_startable($1, $2)', params: [definition.id, definition.key] });
  }

  expectRevision(instanceId: string, revision: number): void {
    this.expectedRevision = { instanceId, revision };
    // Queued like the startable check: it travels first in the round trip of the flush and COMMIT (see migration 0014).
    this.pending.push({ sql: 'SELECT baton_expect_revision($1, $2)', params: [instanceId, revision] });
  }

  /** The engine's error for a failed expectation of this transaction, if `err` is one. */
  failedExpectation(err: unknown): Error | undefined {
    const code = (err as { code?: unknown }).code;
    const definition = this.expectedStartable;
    if (definition && code === 'BT001') return new StaleDefinitionError(definition.id, definition.key);
    const instance = this.expectedRevision;
    if (instance && code === 'BT002') return new StaleInstanceError(instance.instanceId, instance.revision);
    return undefined;
  }

  async flush(changes: ChangeSet): Promise<void> {
    this.pending.push(...flushStatements(changes));
    // NOTIFY inside the transaction is delivered at COMMIT (and dropped on rollback).
    for (const channel of notifications(changes)) this.pending.push({ sql: `NOTIFY ${channel}`, params: [] });
  }
}

class PostgresReads implements StoreReads {
  constructor(
    private readonly pool: Pool,
    private readonly group: GroupRead | null,
  ) {}

  /** Runs one statement as a named (planned once per connection) statement, grouped with others under load. */
  private rows(sql: string, params: unknown[]): Promise<Row[]> {
    return readRows(this.pool, { sql, params }, this.group);
  }

  /** The same, never grouped: for reads whose answer may be long (a grouped read waits for its group). */
  private alone(sql: string, params: unknown[]): Promise<Row[]> {
    return readRows(this.pool, { sql, params }, null);
  }

  private async one<T>(sql: string, params: unknown[], dates: readonly string[] = []): Promise<T | null> {
    const [row] = await this.rows(sql, params);
    return row ? fromRow<T>(row, dates) : null;
  }

  getDefinition(id: string) {
    return this.one<ProcessDefinitionRecord>(`SELECT * FROM process_definition WHERE id = $1`, [id]);
  }
  latestDefinitionByKey(key: string) {
    return this.one<ProcessDefinitionRecord>(`SELECT * FROM process_definition WHERE key = $1 ORDER BY version DESC LIMIT 1`, [key]);
  }
  async definitionsByKey(key: string) {
    const rows = await this.rows(`SELECT * FROM process_definition WHERE key = $1 ORDER BY version DESC`, [key]);
    return rows.map((r) => fromRow<ProcessDefinitionRecord>(r));
  }
  getResource(deploymentId: string, name: string) {
    return this.one<ResourceRecord>(`SELECT * FROM resource WHERE deployment_id = $1 AND name = $2`, [deploymentId, name]);
  }
  getDeployment(id: string) {
    return this.one<DeploymentRecord>(`SELECT * FROM deployment WHERE id = $1`, [id]);
  }
  async definitionsOfDeployment(deploymentId: string) {
    const rows = await this.rows(`SELECT * FROM process_definition WHERE deployment_id = $1 ORDER BY key`, [deploymentId]);
    return rows.map((r) => fromRow<ProcessDefinitionRecord>(r));
  }
  async getInstance(id: string) {
    const [row] = await this.rows(`SELECT * FROM process_instance WHERE id = $1`, [id]);
    return row ? instanceFromRow(row) : null;
  }
  async findTasks(f: TaskFilter) {
    // Only the filters in use: a statement planned once per connection cannot use an index
    // for a catch-all condition like `$1 IS NULL OR col = $1`.
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (condition: string, value: string | undefined) => {
      if (value !== undefined) where.push(condition.replace('?', `$${params.push(value)}`));
    };
    add('process_instance_id = ?', f.processInstanceId);
    add('assignee = ?', f.assignee);
    add('task_definition_key = ?', f.taskDefinitionKey);
    add('candidate_groups @> ARRAY[?::text]', f.candidateGroup);
    add('candidate_users @> ARRAY[?::text]', f.candidateUser);
    const sql = `SELECT * FROM user_task${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created, id`;
    // An instance's tasks are a few rows; an assignee's or a group's may be thousands.
    const rows = await (f.processInstanceId !== undefined ? this.rows(sql, params) : this.alone(sql, params));
    return rows.map(taskFromRow);
  }
  async getTask(id: string) {
    const [row] = await this.rows(`SELECT * FROM user_task WHERE id = $1`, [id]);
    return row ? taskFromRow(row) : null;
  }
  async instanceVariables(instanceId: string) {
    return (await this.rows(`SELECT * FROM variable WHERE process_instance_id = $1 ORDER BY name`, [instanceId])).map(variableFromRow);
  }
  async incidentsOfInstance(instanceId: string) {
    const rows = await this.rows(`SELECT * FROM incident WHERE process_instance_id = $1 ORDER BY timestamp`, [instanceId]);
    return rows.map((r) => fromRow<IncidentRecord>(r));
  }
  historicProcessInstance(id: string) {
    return this.one<HistoricProcessInstanceRecord>(`SELECT * FROM history_process_instance WHERE id = $1`, [id]);
  }
  async historicActivityInstances(instanceId: string) {
    const rows = await this.rows(`SELECT * FROM history_activity_instance WHERE process_instance_id = $1 ORDER BY sequence`, [instanceId]);
    return rows.map((r) => fromRow<HistoricActivityInstanceRecord>(r));
  }
  async historicTasks(instanceId: string) {
    const rows = await this.rows(`SELECT * FROM history_task WHERE process_instance_id = $1 ORDER BY start_time`, [instanceId]);
    return rows.map((r) => fromRow<HistoricTaskRecord>(r));
  }
  getJob(id: string) {
    return this.one<JobRecord>(`SELECT * FROM job WHERE id = $1`, [id]);
  }
  async jobsOfInstance(instanceId: string) {
    return (await this.rows(`SELECT * FROM job WHERE process_instance_id = $1 ORDER BY due_at, id`, [instanceId])).map((r) => fromRow<JobRecord>(r));
  }
  getExternalTask(id: string) {
    return this.one<ExternalTaskRecord>(`SELECT * FROM external_task WHERE id = $1`, [id]);
  }
  async eventSubscriptionsOfInstance(instanceId: string) {
    const rows = await this.rows(`SELECT * FROM event_subscription WHERE process_instance_id = $1 ORDER BY created, id`, [instanceId]);
    return rows.map((r) => fromRow<EventSubscriptionRecord>(r, DATE_FIELDS.eventSubscription));
  }
  async externalTasksOfInstance(instanceId: string) {
    return (await this.rows(`SELECT * FROM external_task WHERE process_instance_id = $1 ORDER BY created, id`, [instanceId])).map((r) => fromRow<ExternalTaskRecord>(r));
  }
}
