/**
 * What each kind of job does when it runs inside its instance's working set. The job row is
 * removed in the same transaction, which is what makes execution exactly-once for engine
 * state: a second executor of the same job (lease expired) finds it gone under the instance lock.
 */
import { requireElement } from '../model/executable-model';
import type { JobRecord } from '../persistence/records';
import { nextFiring } from '../timer/timer-definition';
import type { ProcessExecution } from './process-execution';
import { fireTaskTimeout } from './task-timeouts';

/** Runs a job of an instance (not timer start jobs; see job-commands.ts). */
export function runInstanceJob(execution: ProcessExecution, job: JobRecord): void {
  const ws = execution.ws;
  ws.removeJob(job.id);
  ws.emit('job.executed', job.elementId, job.handlerConfig);
  if (job.handlerType === 'timer-start-event-subprocess') {
    if (!execution.scopeAlive(job.payload.scopeInstanceId ?? '')) return;
    if (!requireElement(execution.model, job.elementId).cancelActivity) rescheduleCycle(execution, job);
    execution.startEventSubProcess(job);
    return;
  }
  const token = execution.token(job.tokenId);
  if (!token) return; // the token moved on in the meantime; the job is obsolete
  switch (job.handlerType) {
    case 'async-continuation':
      if (job.handlerConfig === 'async-before') execution.continueAsyncBefore(token);
      else execution.continueAsyncAfter(token, job.payload.flowIds ?? []);
      return;
    case 'timer-intermediate-transition':
      execution.trigger(token, { kind: 'timerFired', elementId: job.elementId });
      return;
    case 'timer-transition': {
      const boundary = requireElement(execution.model, job.elementId);
      // A non-interrupting cycle re-arms itself as a new job (a new id, so a late duplicate executor finds the old one gone).
      if (!boundary.cancelActivity) rescheduleCycle(execution, job);
      execution.fireBoundary(token, boundary);
      return;
    }
    case 'timer-task-listener':
      if (fireTaskTimeout(execution, requireElement(execution.model, job.elementId), token, job)) rescheduleCycle(execution, job);
      return;
    default:
      throw new Error(`Job '${job.id}' of type ${job.handlerType} cannot run inside an instance`);
  }
}

/** Schedules the next firing of a cycle timer job (new row), if any remains. */
export function rescheduleCycle(execution: ProcessExecution, job: JobRecord): void {
  const timer = job.payload.timer;
  const now = execution.ws.time();
  const next = timer ? nextFiring(timer, job.dueAt, now) : null;
  if (!next) return;
  execution.ws.addJob({
    ...job, id: execution.newId(), payload: { ...job.payload, timer: next.state }, dueAt: next.dueAt, retries: 3, lockOwner: null,
    lockExpiresAt: null, exceptionMessage: null, exceptionStacktrace: null, created: now,
  });
}
