/**
 * ISO 8601 durations (PnYnMnWnDTnHnMnS, fractions on the smallest unit only as seconds),
 * added to dates in UTC. Years and months are calendar units (Jan 31 + P1M = Feb 28/29).
 */

/** A parsed duration. */
export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Parses a duration; null when the text is not one (`P`, `PT` alone are not). */
export function parseIsoDuration(text: string): IsoDuration | null {
  const t = text.trim().toUpperCase();
  const m = PATTERN.exec(t);
  if (!m || t === 'P' || t.endsWith('T')) return null;
  const n = (i: number) => (m[i] ? Number(m[i]!.replace(',', '.')) : 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** `date` + `d` (calendar arithmetic in UTC). */
export function addDuration(date: Date, d: IsoDuration): Date {
  const out = new Date(date.getTime());
  if (d.years || d.months) {
    const day = out.getUTCDate();
    out.setUTCDate(1);
    out.setUTCMonth(out.getUTCMonth() + d.years * 12 + d.months);
    const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
    out.setUTCDate(Math.min(day, lastDay));
  }
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + Math.round(d.seconds * 1000);
  return new Date(out.getTime() + ms);
}

/** True when the duration adds nothing (PT0S): an infinite cycle of it would fire without pause. */
export function isZeroDuration(d: IsoDuration): boolean {
  return Object.values(d).every((v) => v === 0);
}
