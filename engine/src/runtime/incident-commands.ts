/**
 * Retrying (resolving) incidents — what the modeler's "retry" button and the REST API call:
 * failedJob ⇒ the job gets one retry and is due now; failedExternalTask ⇒ the task gets one
 * retry and is unlocked; failedExecution (a step that failed synchronously, e.g. an
 * expression) ⇒ the token enters its element again. Fix the cause first (e.g. set the
 * missing variable), then retry.
 */
import { InvalidRequestError, NotFoundError } from '../errors';
import type { IncidentRecord } from '../persistence/records';
import { incidentRecord } from './runtime-records';
import type { CommandRunner, InstanceResult } from './command-runner';
import type { ProcessExecution } from './process-execution';
import { addIncident, resolveIncidents } from './job-commands';
import { instanceFacts, logUserOperation } from './user-operation-log';

/** Incident commands of the engine. */
export class IncidentCommands {
  constructor(private readonly r: CommandRunner) {}

  /** Retries the incident; its instance moves on as far as it can in this command. */
  async retry(incidentId: string): Promise<InstanceResult> {
    // Camunda logs a retry through the job's or external task's SetRetries; Baton's retry covers every incident type, so it logs one Resolve on the incident's instance.
    return this.resolveOn(incidentId, (e, incident) => {
      if (incident.incidentType === 'failedJob') {
        const job = e.ws.jobs.get(incident.configuration ?? '');
        if (!job) return;
        job.retries = Math.max(1, job.retries);
        job.dueAt = e.ws.time();
        e.ws.updateJob(job);
      } else if (incident.incidentType === 'failedExternalTask') {
        const task = e.ws.externalTasks.get(incident.configuration ?? '');
        if (!task) return;
        Object.assign(task, { retries: Math.max(1, task.retries ?? 1), workerId: null, lockExpiresAt: null });
        e.ws.updateExternalTask(task);
      } else {
        const token = e.token(incident.tokenId);
        if (token && token.status === 'incident') e.retryToken(token);
      }
    });
  }

  /**
   * Creates a custom incident at a token (Camunda's createIncident). The token goes on as it
   * was; the incident marks it for operators until someone resolves it.
   */
  async create(instanceId: string, tokenId: string, spec: { incidentType: string; configuration: string | null; message: string | null }): Promise<IncidentRecord> {
    if (BUILT_IN_TYPES.has(spec.incidentType)) throw new InvalidRequestError(`Incidents of type '${spec.incidentType}' are created by the engine, not by hand`);
    let created: IncidentRecord | null = null;
    await this.r.onInstance(instanceId, (e) => {
      const token = e.token(tokenId);
      if (!token) throw new NotFoundError(`Execution '${tokenId}' is not a token of process instance '${instanceId}'`);
      created = incidentRecord(e.ws, token, { id: e.newId(), type: spec.incidentType, code: CUSTOM, message: spec.message ?? '', configuration: spec.configuration });
      const facts = { operationType: 'CreateIncident', entityType: 'ProcessInstance', category: 'Operator', executionId: token.id, ...instanceFacts(e.ws.instance) } as const;
      logUserOperation(e.ws.userOperations, facts, [{ property: 'incidentType', newValue: spec.incidentType }, { property: 'configuration', newValue: spec.configuration }], e.ws.time());
      addIncident(e, created);
    });
    return created!;
  }

  /**
   * Resolves a custom incident (Camunda's resolveIncident). Incidents the engine raised (failed
   * job, failed external task, failed step) are refused as in Camunda: retry them instead.
   */
  async resolve(incidentId: string): Promise<void> {
    await this.resolveOn(incidentId, (_e, incident) => {
      // Only incidents created by hand: the engine's own ones hold a token that only a retry moves on.
      if (incident.errorCode !== CUSTOM) throw new InvalidRequestError(`Cannot resolve an incident of type ${incident.incidentType}: retry it instead`);
    }, true);
  }

  /**
   * Locks the incident's instance, logs a Resolve and resolves the incident; `then` does what the
   * kind of resolution adds (`check` first: it runs before anything changes and may refuse).
   */
  private async resolveOn(incidentId: string, then: (e: ProcessExecution, incident: IncidentRecord) => void, check = false): Promise<InstanceResult> {
    const missing = () => new NotFoundError(`No incident found with id '${incidentId}'`);
    const result = await this.r.store.transaction(async (tx) => {
      return this.r.runLocked(tx, { owner: 'incident', id: incidentId }, (e) => {
        const incident = e.ws.incidents.get(incidentId);
        if (!incident) throw missing();
        if (check) then(e, incident);
        const facts = { operationType: 'Resolve', entityType: 'ProcessInstance', category: 'Operator', executionId: incident.tokenId, ...instanceFacts(e.ws.instance) } as const;
        logUserOperation(e.ws.userOperations, facts, [{ property: 'incidentId', newValue: incident.id }], e.ws.time());
        resolveIncidents(e, (i) => i === incident);
        if (!check) then(e, incident);
      }, false, missing);
    });
    return this.r.publish(result);
  }
}

// Error code of incidents created through create(); only they can be resolved.
const CUSTOM = 'CUSTOM';

// Incident types the engine raises itself (they cannot be created by hand).
const BUILT_IN_TYPES = new Set(['failedJob', 'failedExternalTask', 'failedExecution']);
