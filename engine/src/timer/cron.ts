/**
 * Cron expressions as Camunda 7 (Quartz) accepts them: `sec min hour day-of-month month
 * day-of-week [year]`, with `*`, `?`, lists, ranges, steps (`0/15`, `*\/5`), month and day
 * names. Evaluated in UTC. Quartz's `L`, `W` and `#` are rejected (not supported yet).
 */

/** A parsed cron expression: the allowed values of each field. */
export interface CronSchedule {
  readonly seconds: ReadonlySet<number>;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number> | null;
  readonly months: ReadonlySet<number>;
  /** 1 = Sunday … 7 = Saturday (Quartz numbering); null = any. */
  readonly daysOfWeek: ReadonlySet<number> | null;
  readonly years: ReadonlySet<number> | null;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Parses a cron expression; throws Error with the reason when it is not valid. */
export function parseCron(text: string): CronSchedule {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 6 && parts.length !== 7) throw new Error(`a cron expression has 6 or 7 fields, got ${parts.length}`);
  const [sec, min, hour, dom, mon, dow, year] = parts as [string, string, string, string, string, string, string | undefined];
  if (dom !== '?' && dow !== '?') throw new Error(`one of day-of-month and day-of-week must be '?'`);
  return {
    seconds: field(sec, 0, 59, []),
    minutes: field(min, 0, 59, []),
    hours: field(hour, 0, 23, []),
    daysOfMonth: dom === '?' ? null : field(dom, 1, 31, []),
    months: field(mon, 1, 12, MONTHS),
    daysOfWeek: dow === '?' ? null : field(dow, 1, 7, DAYS),
    years: year === undefined || year === '*' ? null : field(year, 1970, 2199, []),
  };
}

function field(text: string, lo: number, hi: number, names: string[]): Set<number> {
  if (/[LW#]/i.test(text.replace(/[A-Z]{3}/gi, (n) => (names.includes(n.toUpperCase()) ? '0' : n)))) {
    throw new Error(`'${text}': L, W and # are not supported`);
  }
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`'${item}': bad step`);
    let [from, to] = [lo, hi];
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-') as [string, string | undefined];
      from = value(a, names, lo);
      to = b !== undefined ? value(b, names, lo) : stepText !== undefined ? hi : from;
    }
    if (from < lo || to > hi || from > to) throw new Error(`'${item}' is outside ${lo}-${hi}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function value(text: string, names: string[], lo: number): number {
  const index = names.indexOf(text.toUpperCase());
  if (index >= 0) return index + lo;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(n)) throw new Error(`'${text}' is not a number`);
  return n;
}

/** The first time strictly after `after` that matches, or null within the next 10 years. */
export function nextCronTime(s: CronSchedule, after: Date): Date | null {
  const t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  const limit = after.getTime() + 10 * 366 * 24 * 3600 * 1000;
  // Jump field by field (month → day → hour → minute → second): a few hundred steps at most.
  while (t.getTime() <= limit) {
    if (s.years && !s.years.has(t.getUTCFullYear())) {
      t.setUTCFullYear(t.getUTCFullYear() + 1, 0, 1);
      t.setUTCHours(0, 0, 0);
    } else if (!s.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0);
    } else if (!dayMatches(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0);
    } else if (!s.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0);
    } else if (!s.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0);
    } else if (!s.seconds.has(t.getUTCSeconds())) {
      t.setUTCSeconds(t.getUTCSeconds() + 1);
    } else {
      return t;
    }
  }
  return null;
}

function dayMatches(s: CronSchedule, t: Date): boolean {
  if (s.daysOfMonth && !s.daysOfMonth.has(t.getUTCDate())) return false;
  if (s.daysOfWeek && !s.daysOfWeek.has(t.getUTCDay() + 1)) return false;
  return true;
}
