/**
 * Timer definitions (timeDate, timeDuration, timeCycle) after expression evaluation: checks
 * and due-date arithmetic. Cycles: `R[n]/duration`, `R[n]/start/duration` or a cron
 * expression. Missed firings are not replayed: a cycle that fires late schedules its next
 * firing at the first slot after now (see docs/jobs-and-timers.md).
 */
import { parseCamundaDate } from '../variables/wire-format';
import type { TimerState } from '../persistence/records';
import { nextCronTime, parseCron, type CronSchedule } from './cron';
import { addDuration, isZeroDuration, parseIsoDuration, type IsoDuration } from './iso-duration';

/** Which of the three timer definitions an event has. */
export type TimerKind = TimerState['kind'];

/** A parsed repeating interval or cron expression. */
type Cycle =
  | { readonly type: 'interval'; readonly repeat: number | null; readonly start: Date | null; readonly every: IsoDuration }
  | { readonly type: 'cron'; readonly schedule: CronSchedule };

/** Checks an evaluated definition; returns why it is invalid, or null when it is fine. */
export function timerProblem(kind: TimerKind, text: string): string | null {
  try {
    if (kind === 'date') return parseCamundaDate(text) ? null : `'${text}' is not an ISO 8601 date`;
    if (kind === 'duration') return parseIsoDuration(text) ? null : `'${text}' is not an ISO 8601 duration`;
    const cycle = parseCycle(text);
    if (cycle.type === 'interval' && cycle.repeat === null && isZeroDuration(cycle.every)) {
      return `'${text}' repeats forever with a zero interval`;
    }
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The first firing of a timer evaluated at `now`; throws Error when the text is invalid. */
export function firstFiring(kind: TimerKind, text: string, now: Date): { dueAt: Date; state: TimerState } {
  const problem = timerProblem(kind, text);
  if (problem) throw new Error(problem);
  if (kind === 'date') return { dueAt: parseCamundaDate(text)!, state: { kind, expression: text, remaining: null } };
  if (kind === 'duration') return { dueAt: addDuration(now, parseIsoDuration(text)!), state: { kind, expression: text, remaining: null } };
  const cycle = parseCycle(text);
  if (cycle.type === 'cron') {
    const dueAt = nextCronTime(cycle.schedule, now);
    if (!dueAt) throw new Error(`cron expression '${text}' never fires`);
    return { dueAt, state: { kind, expression: text, remaining: null } };
  }
  const dueAt = cycle.start ?? addDuration(now, cycle.every);
  return { dueAt, state: { kind, expression: text, remaining: cycle.repeat === null ? null : cycle.repeat - 1 } };
}

/** The firing after one due at `previousDue` that fired at `now`, or null when the cycle is done. */
export function nextFiring(state: TimerState, previousDue: Date, now: Date): { dueAt: Date; state: TimerState } | null {
  if (state.kind !== 'cycle' || state.remaining === 0) return null;
  const cycle = parseCycle(state.expression);
  const remaining = state.remaining === null ? null : state.remaining - 1;
  if (cycle.type === 'cron') {
    const dueAt = nextCronTime(cycle.schedule, now);
    return dueAt ? { dueAt, state: { ...state, remaining } } : null;
  }
  // Skip slots missed while no node ran: at most one late firing, then back on the grid.
  let dueAt = addDuration(previousDue, cycle.every);
  for (let i = 0; dueAt.getTime() <= now.getTime() && i < 100_000; i++) dueAt = addDuration(dueAt, cycle.every);
  if (dueAt.getTime() <= now.getTime()) dueAt = addDuration(now, cycle.every);
  return { dueAt, state: { ...state, remaining } };
}

function parseCycle(text: string): Cycle {
  const t = text.trim();
  if (!/^R/i.test(t)) {
    try {
      return { type: 'cron', schedule: parseCron(t) };
    } catch (err) {
      throw new Error(`'${t}' is neither a repeating interval (R3/PT10M) nor a cron expression: ${(err as Error).message}`);
    }
  }
  const parts = t.split('/');
  const head = /^R(\d*)$/i.exec(parts[0]!);
  if (!head || parts.length < 2 || parts.length > 3) throw new Error(`'${t}' is not a repeating interval like R3/PT10M or R/2025-01-01T00:00:00Z/PT1H`);
  const repeat = head[1] === '' ? null : Number(head[1]);
  if (repeat !== null && repeat < 1) throw new Error(`'${t}' repeats ${repeat} times`);
  const start = parts.length === 3 ? parseCamundaDate(parts[1]!) : null;
  if (parts.length === 3 && !start) throw new Error(`'${parts[1]}' in '${t}' is not an ISO 8601 start date`);
  const every = parseIsoDuration(parts[parts.length - 1]!);
  if (!every) throw new Error(`'${parts[parts.length - 1]}' in '${t}' is not an ISO 8601 duration`);
  return { type: 'interval', repeat, start, every };
}
