/**
 * A job failed: retries and the next try follow camunda:failedJobRetryTimeCycle as Camunda 7
 * does (DefaultJobRetryCmd, ParseUtil.parseRetryIntervals): default 3 tries without delay;
 * `R5/PT5M` = 5 tries 5 minutes apart; a list of n waits = n + 1 tries (`PT10M,PT17M` = 3 tries,
 * waiting 10 then 17 minutes; `PT5M` = 2 tries). At 0 retries a failedJob incident is created
 * (instance jobs); setting retries again resolves it.
 */
import type { IncidentRecord, JobRecord } from '../persistence/records';
import { addDuration, parseIsoDuration } from '../timer/iso-duration';
import type { WorkingSet } from './working-set';

/** Parsed retry cycle: how many tries and the waits between them. */
export interface RetryCycle {
  readonly retries: number;
  readonly intervals: readonly string[];
}

/** Parses `R5/PT5M` or `PT10M,PT17M` (one try more than waits, as Camunda 7); null when the text is neither. */
export function parseRetryCycle(text: string): RetryCycle | null {
  const t = text.trim();
  const repeat = /^R(\d+)\/(P.+)$/i.exec(t);
  if (repeat) return parseIsoDuration(repeat[2]!) ? { retries: Number(repeat[1]), intervals: [repeat[2]!] } : null;
  const intervals = t.split(',').map((s) => s.trim());
  if (intervals.length === 0 || intervals.some((i) => !parseIsoDuration(i))) return null;
  return { retries: intervals.length + 1, intervals };
}

/** Updates the job after a failed try: retries, next due date, exception; lock released. */
export function applyJobFailure(job: JobRecord, error: unknown, now: Date): void {
  const first = job.exceptionMessage === null;
  const cycle = job.retryCycle ? parseRetryCycle(job.retryCycle) : null;
  let wait: string | null = null;
  if (cycle) {
    if (first) job.retries = cycle.retries;
    // Camunda's index: the first failure waits the first interval, each later one the next, the last repeating.
    const n = cycle.intervals.length;
    const index = Math.min(n - 1, Math.max(0, n - (job.retries - 1)));
    wait = cycle.intervals[index] ?? null;
  }
  job.retries = Math.max(0, job.retries - 1);
  job.dueAt = wait && job.retries > 0 ? addDuration(now, parseIsoDuration(wait)!) : now;
  job.lockOwner = null;
  job.lockExpiresAt = null;
  const e = error instanceof Error ? error : new Error(String(error));
  job.exceptionMessage = e.message || e.name;
  job.exceptionStacktrace = e.stack ?? `${e.name}: ${e.message}`;
}

/** The failedJob incident of a job that has no retries left. */
export function failedJobIncident(ws: WorkingSet, job: JobRecord, id: string): IncidentRecord {
  return {
    id, instanceId: job.instanceId!, definitionId: job.definitionId, activityId: job.elementId, tokenId: job.tokenId ?? '',
    incidentType: 'failedJob', errorCode: 'JOB_FAILED', message: job.exceptionMessage ?? 'job failed', timestamp: ws.time(), configuration: job.id,
  };
}
