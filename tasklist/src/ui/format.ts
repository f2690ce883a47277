/**
 * Dates and numbers in the user's locale (the browser's), English UI text.
 */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Camunda's date strings (2024-01-31T09:15:00.000+0000) → Date. */
export function parseApiDate(text: string | null | undefined): Date | null {
  if (!text) return null;
  const d = new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A date and time for display, or a dash. */
export function formatDateTime(text: string | null | undefined): string {
  const d = parseApiDate(text);
  return d ? dateTime.format(d) : '—';
}

/** A date for display, or a dash. */
export function formatDate(text: string | null | undefined): string {
  const d = parseApiDate(text);
  return d ? dateOnly.format(d) : '—';
}

/** Date → Camunda's wire format (UTC). */
export function toApiDate(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

/** Camunda date → value of an <input type="datetime-local"> in local time. */
export function toLocalInput(text: string | null | undefined): string {
  const d = parseApiDate(text);
  if (!d) return '';
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** <input type="datetime-local"> value → Camunda date (null when empty). */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : toApiDate(d);
}

/** True when a due date has passed. */
export function isOverdue(text: string | null | undefined, now = new Date()): boolean {
  const d = parseApiDate(text);
  return d !== null && d.getTime() < now.getTime();
}
