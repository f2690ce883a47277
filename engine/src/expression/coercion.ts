/** JUEL (EL 2.2 section 1.18) type coercions used by operators and method arguments. */
import { fail } from './failure';
import { preview } from './values';

/** Strings that coerce to numbers; like Java's Long/Double.valueOf, no surrounding blanks. */
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Coerces to a number: null and '' → 0 (as JUEL), numeric strings parsed, anything else fails. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return fail(`Cannot coerce ${preview(value)} to a number`);
}

/** Coerces to an integer (JUEL truncates like Number.intValue()). */
export function toInteger(value: unknown): number {
  return Math.trunc(toNumber(value));
}

/**
 * Coerces to a boolean: null and '' → false, 'true'/'false' in any case. Why stricter than JUEL
 * (which maps every other string to false): `${approved == 'yes'}` on a boolean silently being
 * false hides modelling mistakes, so other strings and all numbers fail instead.
 */
export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false' || lower === '') return false;
  }
  return fail(`Cannot coerce ${preview(value)} to a boolean`);
}

/** Coerces a method argument declared as String: strings, numbers and booleans only. */
export function toStringArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(`Expected a string argument but got ${preview(value)}`);
}
