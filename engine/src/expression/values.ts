/** Classification of run-time values, plus the conversions to text and structural equality. */
import { fail } from './failure';
import { MAX_VALUE_DEPTH } from './limits';
import { EXPRESSION_OBJECT } from './types';
import type { ExpressionObject } from './types';

const MAX_PREVIEW = 50;

/** True for objects branded as ExpressionObject. */
export function isExpressionObject(value: unknown): value is ExpressionObject {
  return typeof value === 'object' && value !== null && EXPRESSION_OBJECT in value;
}

/** True for plain data objects (prototype Object.prototype or null), which act as JUEL maps. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True for Date instances. */
export function isDate(value: unknown): value is Date {
  return value instanceof Date;
}

/** The kind of a value, as named in error messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isDate(value)) return 'date';
  if (isPlainObject(value)) return 'map';
  return typeof value;
}

/** A short rendering of a value for error messages. */
export function preview(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.length > MAX_PREVIEW ? `${value.slice(0, MAX_PREVIEW)}…` : value;
    return `'${text}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return describe(value);
}

/** Converts a value to text for template concatenation: null → '', Date → ISO, data → JSON. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (isDate(value)) {
    if (Number.isNaN(value.getTime())) fail('Cannot convert an invalid date to text');
    return value.toISOString();
  }
  if (typeof value !== 'object' || isExpressionObject(value)) {
    fail(`Cannot convert ${describe(value)} to text`);
  }
  return toJson(value);
}

function toJson(value: object): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return fail(`Cannot convert ${describe(value)} to text (not serializable as JSON)`);
  }
}

/** Structural equality of data (lists, maps, dates, primitives), like Java's equals(). */
export function deepEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (depth > MAX_VALUE_DEPTH) fail(`Values are nested deeper than ${MAX_VALUE_DEPTH} levels`);
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i], depth + 1));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key], depth + 1));
  }
  return false;
}
