/**
 * Job commands. `execute` is what the job executor (and POST /job/{id}/execute) runs: the job
 * goes through the same lock-load-run-flush path as any command on its instance; a failure
 * rolls that back and records the failure (retries, due date, incident) in a second transaction.
 */
import { InvalidRequestError, NotFoundError } from '../errors';
import { TableChangeTracker } from '../persistence/change-set';
import type { StoreTransaction } from '../persistence/port';
import type { IncidentRecord, JobRecord } from '../persistence/records';
import { jobOnlyChanges, type CommandRunner } from './command-runner';
import { applyJobFailure, failedJobIncident } from './job-failure';
import { rescheduleCycle, runInstanceJob } from './job-handlers';
import { emptyContext, evaluateTimer } from './job-factory';
import type { ProcessExecution } from './process-execution';
import type { EventCommands } from './event-commands';
import { logUserOperation, type PropertyChange } from './user-operation-log';
import type { UserOperationLogRecord } from '../persistence/user-operation-record';

/** How a job execution ended. */
export type JobOutcome =
  | { readonly status: 'executed' }
  | { readonly status: 'gone' }
  | { readonly status: 'failed'; readonly error: unknown; readonly retriesLeft: number };

/** Job commands of the engine. */
export class JobCommands {
  constructor(
    private readonly r: CommandRunner,
    private readonly events: EventCommands,
  ) {}

  /** Executes a job now; failures are recorded, not thrown. 'gone': it ran elsewhere or its instance ended. */
  async execute(jobId: string): Promise<JobOutcome> {
    const job = await this.r.store.reads.getJob(jobId);
    if (!job) return { status: 'gone' };
    try {
      const ran = job.handlerType === 'signal-broadcast' ? await this.events.runSignalJob(jobId)
        : job.instanceId === null ? await this.runStartTimer(jobId) : await this.runInstanceJob(job.instanceId, jobId);
      return ran ? { status: 'executed' } : { status: 'gone' };
    } catch (error) {
      if (error instanceof NotFoundError) return { status: 'gone' };
      const retriesLeft = await this.recordFailure(job, error);
      return retriesLeft === null ? { status: 'gone' } : { status: 'failed', error, retriesLeft };
    }
  }

  /** Sets a job's retries; retries > 0 resolve its failedJob incident (it runs again). */
  setRetries(jobId: string, retries: number): Promise<void> {
    if (!Number.isInteger(retries) || retries < 0) throw new InvalidRequestError(`The number of job retries must be a non-negative integer, but '${retries}' has been provided`);
    return this.modify(jobId, (job, e, log) => {
      log(job, 'SetJobRetries', { property: 'retries', orgValue: job.retries, newValue: retries });
      job.retries = retries;
      if (retries > 0 && e) resolveIncidents(e, (i) => i.incidentType === 'failedJob' && i.configuration === job.id);
      if (retries === 0 && e && !hasIncident(e, job.id)) addIncident(e, failedJobIncident(e.ws, job, e.newId()));
    });
  }

  /** Sets a job's due date (null: now). */
  setDueDate(jobId: string, due: Date | null): Promise<void> {
    return this.modify(jobId, (job, _e, log) => {
      log(job, 'SetDueDate', { property: 'duedate', orgValue: job.dueAt, newValue: due ?? this.r.clock() });
      job.dueAt = due ?? this.r.clock();
    });
  }

  /**
   * Recomputes a timer job's due date from its timer definition (Camunda's duedate/recalculate),
   * counted from now or, with `creationDateBased`, from when the job was created.
   */
  async recalculateDueDate(jobId: string, creationDateBased: boolean): Promise<void> {
    const stored = await this.r.store.reads.getJob(jobId);
    if (!stored) throw new NotFoundError(`No job found with id '${jobId}'`);
    const node = (await this.r.definitions.get(stored.definitionId)).model.elements.get(stored.elementId);
    if (!node?.timer || !stored.handlerType.startsWith('timer')) {
      throw new InvalidRequestError(`Job '${jobId}' is not the job of a BPMN timer event; only those have a due date to recalculate`);
    }
    return this.modify(jobId, (job, e, log) => {
      const scope = job.payload.scopeInstanceId ?? e?.ws.instance.id;
      const token = e?.token(job.tokenId) ?? (scope ? { id: scope, elementId: node.id, scopeInstanceId: scope, status: 'waiting' as const, activityInstanceId: scope, flowId: null } : null);
      const ctx = e && token ? e.variables.expressionContext(token) : emptyContext(this.r.clock);
      const { dueAt } = evaluateTimer(node, ctx, creationDateBased ? job.created : this.r.clock());
      log(job, 'RecalculateDueDate', { property: 'duedate', orgValue: job.dueAt, newValue: dueAt });
      job.dueAt = dueAt;
    });
  }

  /** Suspends or activates a job. */
  setSuspended(jobId: string, suspended: boolean): Promise<void> {
    return this.modify(jobId, (job, _e, log) => {
      log(job, suspended ? 'SuspendJob' : 'ActivateJob', { property: 'suspensionState', newValue: suspended ? 'suspended' : 'active' });
      job.suspended = suspended;
    });
  }

  /** Sets a job's priority. */
  setPriority(jobId: string, priority: number): Promise<void> {
    if (!Number.isInteger(priority)) throw new InvalidRequestError(`Job priority must be an integer`);
    return this.modify(jobId, (job, _e, log) => {
      log(job, 'SetPriority', { property: 'priority', orgValue: job.priority, newValue: priority });
      job.priority = priority;
    });
  }

  private async runInstanceJob(instanceId: string, jobId: string): Promise<boolean> {
    let found = false;
    const result = await this.r.store.transaction((tx) =>
      this.r.runLocked(tx, instanceId, (e) => {
        const job = e.ws.jobs.get(jobId);
        if (!job) return;
        found = true;
        runInstanceJob(e, job);
      }, true),
    );
    if (found) this.r.publish(result);
    return found;
  }

  /** A timer start job: a new instance, and the next firing of a cycle, in one transaction. */
  private async runStartTimer(jobId: string): Promise<boolean> {
    const result = await this.r.store.transaction(async (tx) => {
      const job = await tx.lockJob(jobId);
      if (!job) return null;
      const loaded = await this.r.definitions.get(job.definitionId);
      const execution = this.r.newInstance(loaded, null, {}, true);
      execution.ws.jobs.set(job.id, job);
      execution.ws.removeJob(job.id);
      rescheduleCycle(execution, job);
      execution.startInstance(job.elementId);
      await this.r.flushAll(tx, execution, true);
      return { ws: execution.ws };
    });
    if (result) this.r.publish(result);
    return result !== null;
  }

  /** Records a failed try; returns the retries left, or null when the job is gone. */
  private async recordFailure(job: JobRecord, error: unknown): Promise<number | null> {
    let left: number | null = null;
    await this.modify(job.id, (current, e) => {
      applyJobFailure(current, error, this.r.clock());
      left = current.retries;
      e?.ws.emit('job.failed', current.elementId, current.exceptionMessage ?? undefined);
      if (current.retries === 0 && e) addIncident(e, failedJobIncident(e.ws, current, e.newId()));
    }).catch((err: unknown) => {
      if (!(err instanceof NotFoundError)) throw err;
    });
    return left;
  }

  /** Changes a job under the right lock: its instance's row, or the job row for timer start jobs. */
  private async modify(jobId: string, change: (job: JobRecord, e: ProcessExecution | null, log: JobLogger) => void): Promise<void> {
    const missing = () => new NotFoundError(`No job found with id '${jobId}'`);
    const entries: UserOperationLogRecord[] = [];
    const log: JobLogger = (job, operationType, c) => {
      const facts = { operationType, entityType: 'Job', category: 'Operator', jobId: job.id, processDefinitionId: job.definitionId, processDefinitionKey: job.definitionKey, processInstanceId: job.instanceId } as const;
      logUserOperation(entries, facts, [c], this.r.clock());
    };
    const result = await this.r.store.transaction(async (tx: StoreTransaction) => {
      const stored = await tx.getJob(jobId);
      if (!stored) throw missing();
      if (stored.instanceId === null) {
        const job = await tx.lockJob(jobId);
        if (!job) throw missing();
        change(job, null, log);
        const jobs = new TableChangeTracker<JobRecord>();
        jobs.update(job);
        await tx.flush(jobOnlyChanges(jobs, entries));
        return null;
      }
      return this.r.runLocked(tx, stored.instanceId, (e) => {
        const job = e.ws.jobs.get(jobId);
        if (!job) throw missing();
        change(job, e, log);
        e.ws.userOperations.push(...entries);
        e.ws.updateJob(job);
      });
    });
    if (result) this.r.publish(result);
  }
}

/** Records a user operation on a job (see user-operation-log.ts). */
type JobLogger = (job: JobRecord, operationType: string, change: PropertyChange) => void;

function hasIncident(e: ProcessExecution, jobId: string): boolean {
  return [...e.ws.incidents.values()].some((i) => i.configuration === jobId);
}

/** Removes matching incidents of the working set (they are resolved). */
export function resolveIncidents(e: ProcessExecution, match: (i: { incidentType: string; configuration?: string | null }) => boolean): void {
  for (const incident of [...e.ws.incidents.values()]) {
    if (!match(incident)) continue;
    e.ws.incidents.delete(incident.id);
    e.ws.incidentChanges.delete(incident.id);
    e.ws.emit('incident.resolved', incident.activityId, incident.incidentType);
  }
}

/** Adds an incident to the working set. */
export function addIncident(e: ProcessExecution, incident: IncidentRecord): void {
  e.ws.incidents.set(incident.id, incident);
  e.ws.incidentChanges.insert(incident);
  e.ws.emit('incident.created', incident.activityId, incident.incidentType);
}
