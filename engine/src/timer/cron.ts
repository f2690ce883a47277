/**
 * Cron expressions as Camunda 7 (Quartz) accepts them: `sec min hour day-of-month month
 * day-of-week [year]`, with `*`, `?`, lists, ranges, steps (`0/15`, `*\/5`), month and day
 * names, and Quartz's day specials: `L` and `L-3` (last day of the month, 3 days before it),
 * `15W` and `LW` (nearest weekday), `6L` (last Friday) and `6#3` (third Friday). Evaluated in UTC.
 */

/** A parsed cron expression: the allowed values of each field. */
export interface CronSchedule {
  readonly seconds: ReadonlySet<number>;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** Whether a UTC date matches day-of-month; null = any. */
  readonly daysOfMonth: DayRule | null;
  readonly months: ReadonlySet<number>;
  /** Whether a UTC date matches day-of-week (1 = Sunday … 7 = Saturday, Quartz numbering); null = any. */
  readonly daysOfWeek: DayRule | null;
  readonly years: ReadonlySet<number> | null;
}

/** A day-of-month or day-of-week condition. */
export type DayRule = (date: Date) => boolean;

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
    daysOfMonth: dom === '?' ? null : dayOfMonthRule(dom),
    months: field(mon, 1, 12, MONTHS),
    daysOfWeek: dow === '?' ? null : dayOfWeekRule(dow),
    years: year === undefined || year === '*' ? null : field(year, 1970, 2199, []),
  };
}

function lastDayOf(d: Date): number {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** The weekday (Mon–Fri) nearest to `day` within the month, as Quartz's `W`. */
function nearestWeekday(d: Date, day: number): number {
  const last = lastDayOf(d);
  const target = Math.min(day, last);
  const weekday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), target)).getUTCDay();
  if (weekday === 6) return target === 1 ? 3 : target - 1; // Saturday → Friday (or Monday the 3rd)
  if (weekday === 0) return target === last ? target - 2 : target + 1; // Sunday → Monday (or Friday)
  return target;
}

function dayOfMonthRule(text: string): DayRule {
  const t = text.toUpperCase();
  if (t === 'L') return (d) => d.getUTCDate() === lastDayOf(d);
  if (t === 'LW') return (d) => d.getUTCDate() === nearestWeekday(d, lastDayOf(d));
  const offset = /^L-(\d{1,2})$/.exec(t);
  if (offset) return (d) => d.getUTCDate() === lastDayOf(d) - Number(offset[1]);
  const weekday = /^(\d{1,2})W$/.exec(t);
  if (weekday) {
    const day = Number(weekday[1]);
    if (day < 1 || day > 31) throw new Error(`'${text}' is outside 1-31`);
    return (d) => d.getUTCDate() === nearestWeekday(d, day);
  }
  if (/[LW#]/.test(t)) throw new Error(`'${text}' is not a day-of-month expression`);
  const days = field(text, 1, 31, []);
  return (d) => days.has(d.getUTCDate());
}

function dayOfWeekRule(text: string): DayRule {
  const t = text.toUpperCase();
  const last = /^([A-Z]{3}|\d)L$/.exec(t);
  const weekdayOf = (token: string) => {
    const dow = value(token, DAYS, 1);
    if (dow < 1 || dow > 7) throw new Error(`'${text}': day of week ${token} is outside 1-7`);
    return dow;
  };
  if (last) {
    const dow = weekdayOf(last[1]!);
    return (d) => d.getUTCDay() + 1 === dow && d.getUTCDate() + 7 > lastDayOf(d);
  }
  const nth = /^([A-Z]{3}|\d)#([1-5])$/.exec(t);
  if (nth) {
    const dow = weekdayOf(nth[1]!);
    const n = Number(nth[2]);
    return (d) => d.getUTCDay() + 1 === dow && Math.ceil(d.getUTCDate() / 7) === n;
  }
  if (t === 'L') return (d) => d.getUTCDay() === 6; // Quartz: L alone in day-of-week = Saturday
  if (/#|(?<![A-Z])L|W/.test(t.replace(/[A-Z]{3}/g, (n) => (DAYS.includes(n) ? '0' : n)))) throw new Error(`'${text}' is not a day-of-week expression`);
  const days = field(text, 1, 7, DAYS);
  for (const v of days) if (v < 1 || v > 7) throw new Error(`'${text}' is outside 1-7`);
  return (d) => days.has(d.getUTCDay() + 1);
}

function field(text: string, lo: number, hi: number, names: string[]): Set<number> {
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
  if (s.daysOfMonth && !s.daysOfMonth(t)) return false;
  if (s.daysOfWeek && !s.daysOfWeek(t)) return false;
  return true;
}
