/** Semantics of the JUEL operators that need no lazy evaluation (logic lives in the evaluator). */
import { toBoolean, toNumber } from './coercion';
import { fail } from './failure';
import { deepEqual, describe, isDate, isPlainObject } from './values';

/** Arithmetic operators. */
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

/** Relational operators. */
export type RelationalOperator = '<' | '>' | '<=' | '>=';

/**
 * Applies an arithmetic operator. `+` is NOT string concatenation (as in JUEL): both operands
 * are coerced to numbers, so `'1' + '2'` is 3 and `'a' + 'b'` fails. Division by zero fails
 * (JUEL would yield Infinity for `/`), and so does any non-finite result.
 */
export function arithmetic(op: ArithmeticOperator, a: unknown, b: unknown): number {
  const x = toNumber(a);
  const y = toNumber(b);
  if ((op === '/' || op === '%') && y === 0) fail('Division by zero');
  const result = compute(op, x, y);
  if (!Number.isFinite(result)) fail(`Result of ${x} ${op} ${y} is not a finite number`);
  return result;
}

function compute(op: ArithmeticOperator, x: number, y: number): number {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x % y; // same sign rule as Java's remainder
  }
}

/** Unary minus: the operand is coerced to a number (null → 0, as JUEL). */
export function negate(value: unknown): number {
  return -toNumber(value);
}

/**
 * JUEL `==` (EL 1.8.2): identical or both null → true; one null → false; a number on either
 * side → numeric comparison (coercion failures throw); a boolean → boolean comparison;
 * dates by time; lists and maps structurally; anything else (e.g. string vs map) → false.
 */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a) === toNumber(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'string' || typeof b === 'string') return false;
  return deepEqual(a, b);
}

/**
 * JUEL relational operators (EL 1.8.1): identical → only `<=`/`>=` hold; a null operand → false;
 * a number on either side → numeric; strings lexicographically; dates by time; else fails.
 */
export function compare(op: RelationalOperator, a: unknown, b: unknown): boolean {
  if (a === b) return op === '<=' || op === '>=';
  if (a === null || a === undefined || b === null || b === undefined) return false;
  const order = ordering(a, b);
  if (Number.isNaN(order)) return false;
  switch (op) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}

/** Negative, zero or positive like compareTo; NaN when a number operand is NaN. */
function ordering(a: unknown, b: unknown): number {
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a) - toNumber(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isDate(a) && isDate(b)) return a.getTime() - b.getTime();
  return fail(`Cannot compare ${describe(a)} with ${describe(b)}`);
}

/** JUEL `empty`: true for null, '', an empty list and an empty map. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}
