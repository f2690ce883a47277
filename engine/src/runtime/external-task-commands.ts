/**
 * External task commands (Camunda 7's external task service): fetchAndLock, complete,
 * failure, bpmnError, extendLock, unlock, lock, retries, priority. Everything but the bulk
 * locking of fetchAndLock goes through the instance lock, so a completion and a boundary
 * timer, say, never both win.
 */
import { BatonError, NotFoundError } from '../errors';
import type { TopicRequest } from '../persistence/job-port';
import type { ExternalTaskRecord, VariableRecord } from '../persistence/records';
import { requireElement } from '../model/executable-model';
import type { VariableMap } from '../variables/typed-value';
import type { CommandRunner, InstanceResult } from './command-runner';
import { addIncident, resolveIncidents } from './job-commands';
import { tokenVariableScope, variableScopeOf } from './activity-scope';
import type { ProcessExecution } from './process-execution';
import { instanceFacts, logUserOperation, type PropertyChange } from './user-operation-log';

/** A locked task with the variables the worker asked for. */
export interface LockedExternalTask {
  readonly task: ExternalTaskRecord;
  readonly variables: readonly VariableRecord[];
  /** The activity's `camunda:properties`, when the topic asked for them (includeExtensionProperties). */
  readonly extensionProperties: Readonly<Record<string, string>>;
}

/** What fetchAndLock asks for. */
export interface FetchRequest {
  readonly workerId: string;
  readonly maxTasks: number;
  readonly usePriority: boolean;
  readonly topics: ReadonlyArray<TopicRequest & { readonly variables?: readonly string[] | null; readonly localVariables?: boolean; readonly includeExtensionProperties?: boolean }>;
}

/** Reads variables visible from a scope (the Engine's visibleVariables). */
interface VariableReader {
  visibleVariables(instanceId: string, scopeId: string): Promise<VariableRecord[] | null>;
}

/** External task commands of the engine. */
export class ExternalTaskCommands {
  constructor(private readonly r: CommandRunner, private readonly vars: VariableReader) {}

  /** Locks tasks for a worker (one pass, no waiting; long polling is the API's business). */
  async fetchAndLock(request: FetchRequest): Promise<LockedExternalTask[]> {
    if (request.maxTasks <= 0 || request.topics.length === 0) return [];
    const tasks = await this.r.store.externalTasks.lock(request.workerId, request.topics, request.maxTasks, request.usePriority);
    const out: LockedExternalTask[] = [];
    for (const task of tasks) {
      const topic = request.topics.find((t) => t.topicName === task.topicName);
      const wanted = topic?.variables ?? null;
      let variables: VariableRecord[] = [];
      if (wanted === null || wanted.length > 0) {
        const instance = await this.r.store.reads.getInstance(task.instanceId);
        const token = instance?.tokens.find((t) => t.id === task.tokenId);
        // Input mappings of the task are its local variables: the worker sees them too.
        const scope = instance && token ? tokenVariableScope(instance, token) : task.instanceId;
        variables = (await this.vars.visibleVariables(task.instanceId, scope)) ?? [];
        // localVariables, as Camunda 7: only the variables of the execution the task runs in, i.e.
        // of its innermost scope (its input mappings, else its sub-process or the instance).
        if (topic?.localVariables) variables = variables.filter((v) => v.scopeId === scope);
        if (wanted !== null) variables = variables.filter((v) => wanted.includes(v.name));
      }
      const extensionProperties = topic?.includeExtensionProperties
        ? requireElement((await this.r.definitions.get(task.definitionId)).model, task.activityId).extensionProperties ?? {}
        : {};
      out.push({ task, variables, extensionProperties });
    }
    return out;
  }

  /** Completes a task locked by `workerId`; the instance moves on. */
  complete(id: string, workerId: string, variables: VariableMap = {}): Promise<InstanceResult> {
    return this.onTask(id, (e, task, token) => {
      checkWorker(task, workerId, 'completed');
      e.variables.setAll(variableScopeOf(e.ws, token), variables);
      e.ws.removeExternalTask(task.id);
      e.ws.emit('externalTask.completed', task.activityId, task.id);
      e.trigger(token, { kind: 'externalTaskCompleted' });
    });
  }

  /** Reports a failure: retries left and when to retry; 0 retries ⇒ a failedExternalTask incident. */
  failure(id: string, workerId: string, f: { errorMessage: string | null; errorDetails: string | null; retries: number; retryTimeoutMs: number }): Promise<InstanceResult> {
    return this.onTask(id, (e, task) => {
      checkWorker(task, workerId, 'failed');
      Object.assign(task, { errorMessage: f.errorMessage, errorDetails: f.errorDetails, retries: Math.max(0, f.retries) });
      task.lockExpiresAt = new Date(e.ws.time().getTime() + Math.max(0, f.retryTimeoutMs));
      e.ws.updateExternalTask(task);
      if (task.retries === 0) addTaskIncident(e, task);
    });
  }

  /**
   * A worker threw a BPMN error: variables are set first (as in Camunda 7), then the error
   * propagates from the task like one from an error end event (runtime/event-propagation.ts):
   * an error boundary event on the task, on an enclosing sub-process, or an error event
   * sub-process catches it. Uncaught, the path ends as Camunda 7 does (logged `error.uncaught`).
   */
  bpmnError(id: string, workerId: string, errorCode: string, errorMessage: string | null, variables: VariableMap = {}): Promise<InstanceResult> {
    return this.onTask(id, (e, task, token) => {
      checkWorker(task, workerId, 'reported a BPMN error for');
      e.variables.setAll(variableScopeOf(e.ws, token), variables);
      e.ws.removeExternalTask(task.id);
      e.throwBpmnError(token, errorCode, errorMessage);
    });
  }

  /** Extends the lock of a task the worker holds (an expired lock cannot be extended). */
  extendLock(id: string, workerId: string, newDurationMs: number): Promise<InstanceResult> {
    return this.onTask(id, (e, task) => {
      checkWorker(task, workerId, 'extended');
      if (!task.lockExpiresAt || task.lockExpiresAt.getTime() < e.ws.time().getTime()) {
        throw new BatonError('EXTERNAL_TASK_LOCK_EXPIRED', 'Cannot extend a lock that expired');
      }
      task.lockExpiresAt = new Date(e.ws.time().getTime() + newDurationMs);
      e.ws.updateExternalTask(task);
    });
  }

  /** Removes the lock (the task can be fetched again at once). */
  unlock(id: string): Promise<InstanceResult> {
    return this.onTask(id, (e, task) => {
      logExternalTask(e, task, 'Unlock', []);
      Object.assign(task, { workerId: null, lockExpiresAt: null });
      e.ws.updateExternalTask(task);
    });
  }

  /** Locks one task for a worker (fails while another worker's lock is valid). */
  lock(id: string, workerId: string, durationMs: number): Promise<InstanceResult> {
    return this.onTask(id, (e, task) => {
      const now = e.ws.time().getTime();
      if (task.workerId && task.workerId !== workerId && task.lockExpiresAt && task.lockExpiresAt.getTime() > now) {
        throw new BatonError('EXTERNAL_TASK_WRONG_WORKER', `External Task ${id} cannot be locked by worker '${workerId}'. It is locked by worker '${task.workerId}'.`);
      }
      Object.assign(task, { workerId, lockExpiresAt: new Date(now + durationMs) });
      e.ws.updateExternalTask(task);
    });
  }

  /** Sets retries; > 0 resolves the failedExternalTask incident, 0 creates one. */
  setRetries(id: string, retries: number): Promise<InstanceResult> {
    if (!Number.isInteger(retries) || retries < 0) throw new BatonError('INVALID_REQUEST', 'The number of retries cannot be negative');
    return this.onTask(id, (e, task) => {
      logExternalTask(e, task, 'SetExternalTaskRetries', [{ property: 'retries', orgValue: task.retries, newValue: retries }]);
      task.retries = retries;
      e.ws.updateExternalTask(task);
      if (retries > 0) resolveIncidents(e, (i) => i.incidentType === 'failedExternalTask' && i.configuration === task.id);
      else if (![...e.ws.incidents.values()].some((i) => i.configuration === task.id)) addTaskIncident(e, task);
    });
  }

  /** Sets the priority. */
  setPriority(id: string, priority: number): Promise<InstanceResult> {
    return this.onTask(id, (e, task) => {
      logExternalTask(e, task, 'SetPriority', [{ property: 'priority', orgValue: task.priority, newValue: priority }]);
      task.priority = priority;
      e.ws.updateExternalTask(task);
    });
  }

  private async onTask(id: string, work: (e: ProcessExecution, task: ExternalTaskRecord, token: NonNullable<ReturnType<ProcessExecution['token']>>) => void) {
    const missing = () => new NotFoundError(`External task with id ${id} does not exist`);
    const result = await this.r.store.transaction(async (tx) => {
      return this.r.runLocked(tx, { owner: 'externalTask', id }, (e) => {
        const task = e.ws.externalTasks.get(id);
        const token = task ? e.token(task.tokenId) : undefined;
        if (!task || !token) throw missing();
        work(e, task, token);
      }, false, missing);
    });
    return this.r.publish(result);
  }
}

function checkWorker(task: ExternalTaskRecord, workerId: string, verb: string): void {
  if (task.workerId !== workerId) {
    const holder = task.workerId === null ? 'it is not locked' : `It is locked by worker '${task.workerId}'.`;
    throw new BatonError('EXTERNAL_TASK_WRONG_WORKER', `External Task ${task.id} cannot be ${verb} by worker '${workerId}'. ${holder}`);
  }
}

function addTaskIncident(e: ProcessExecution, task: ExternalTaskRecord): void {
  addIncident(e, {
    id: e.newId(), instanceId: task.instanceId, definitionId: task.definitionId, activityId: task.activityId, tokenId: task.tokenId,
    incidentType: 'failedExternalTask', errorCode: 'EXTERNAL_TASK_FAILED', message: task.errorMessage ?? 'external task failed',
    timestamp: e.ws.time(), configuration: task.id,
  });
}

/** Logs a user operation on an external task (unlock, retries, priority: Camunda logs these, not a worker's complete). */
function logExternalTask(e: ProcessExecution, task: ExternalTaskRecord, operationType: string, changes: readonly PropertyChange[]): void {
  const facts = { operationType, entityType: 'ExternalTask', category: 'Operator', externalTaskId: task.id, executionId: task.tokenId, ...instanceFacts(e.ws.instance) } as const;
  logUserOperation(e.ws.userOperations, facts, changes, e.ws.time());
}
