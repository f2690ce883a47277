import { describe, expect, it } from 'vitest';
import { addDuration, firstFiring, nextCronTime, nextFiring, parseCron, parseIsoDuration, parseRetryCycle, timerProblem } from '../../src';

const at = (iso: string) => new Date(iso);

describe('ISO 8601 durations', () => {
  it('parses and adds calendar and clock units', () => {
    expect(parseIsoDuration('P1Y2M3DT4H5M6.5S')).toEqual({ years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 5, seconds: 6.5 });
    expect(parseIsoDuration('P2W')?.weeks).toBe(2);
    for (const bad of ['P', 'PT', '10M', 'PT1H2', 'P1S']) expect(parseIsoDuration(bad)).toBeNull();
    expect(addDuration(at('2025-01-31T10:00:00Z'), parseIsoDuration('P1M')!).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addDuration(at('2025-01-01T00:00:00Z'), parseIsoDuration('PT90M')!).toISOString()).toBe('2025-01-01T01:30:00.000Z');
  });
});

describe('cron (Quartz fields, UTC)', () => {
  it('finds the next matching second', () => {
    const every15 = parseCron('0 0/15 * * * ?');
    expect(nextCronTime(every15, at('2025-01-01T10:07:00Z'))!.toISOString()).toBe('2025-01-01T10:15:00.000Z');
    const weekdays9 = parseCron('0 0 9 ? * MON-FRI');
    expect(nextCronTime(weekdays9, at('2025-01-03T09:00:00Z'))!.toISOString()).toBe('2025-01-06T09:00:00.000Z'); // Fri → Mon
    const yearly = parseCron('30 10 6 1 JAN ? 2027');
    expect(nextCronTime(yearly, at('2025-05-05T00:00:00Z'))!.toISOString()).toBe('2027-01-01T06:10:30.000Z');
  });

  it('rejects malformed and unsupported expressions', () => {
    for (const bad of ['* * * * *', '0 61 * * * ?', '0 0 12 * * MON', '0 0 12 LX * ?', 'a b c d e f']) expect(() => parseCron(bad)).toThrow();
  });
});

describe('timer definitions', () => {
  it('checks dates, durations and cycles; zero-interval infinite cycles are invalid', () => {
    expect(timerProblem('date', '2025-01-01T10:00:00Z')).toBeNull();
    expect(timerProblem('duration', 'PT5M')).toBeNull();
    expect(timerProblem('cycle', 'R3/PT10M')).toBeNull();
    expect(timerProblem('cycle', 'R/2025-01-01T00:00:00Z/PT1H')).toBeNull();
    expect(timerProblem('cycle', '0 0 * * * ?')).toBeNull();
    expect(timerProblem('cycle', 'R/PT0S')).toContain('zero interval');
    expect(timerProblem('cycle', 'R0/PT1M')).not.toBeNull();
    expect(timerProblem('date', 'tomorrow')).not.toBeNull();
  });

  it('cycles with a start date stay on their grid and skip missed slots', () => {
    const now = at('2025-01-01T00:30:00Z');
    const first = firstFiring('cycle', 'R/2025-01-01T00:00:00Z/PT1H', now);
    expect(first.dueAt.toISOString()).toBe('2025-01-01T00:00:00.000Z'); // past start: fires at once
    const late = nextFiring(first.state, first.dueAt, at('2025-01-01T05:10:00Z'));
    expect(late!.dueAt.toISOString()).toBe('2025-01-01T06:00:00.000Z');
    const r2 = firstFiring('cycle', 'R2/PT10M', now);
    const second = nextFiring(r2.state, r2.dueAt, r2.dueAt);
    expect(second!.state.remaining).toBe(0);
    expect(nextFiring(second!.state, second!.dueAt, second!.dueAt)).toBeNull();
  });

  it('parses failedJobRetryTimeCycle values', () => {
    expect(parseRetryCycle('R5/PT5M')).toEqual({ retries: 5, intervals: ['PT5M'] });
    // Camunda 7 (ParseUtil.parseRetryIntervals): n waits give n + 1 tries, a single wait too.
    expect(parseRetryCycle('PT10M,PT17M')).toEqual({ retries: 3, intervals: ['PT10M', 'PT17M'] });
    expect(parseRetryCycle('PT5M')).toEqual({ retries: 2, intervals: ['PT5M'] });
    expect(parseRetryCycle('often')).toBeNull();
  });
});
