/**
 * Method calls. Why allow-lists instead of looking methods up on the value: a dynamic lookup
 * would reach `constructor`, `toString`, `valueOf`... and from there arbitrary code.
 */
import { toInteger, toStringArgument } from './coercion';
import { fail } from './failure';
import { assertAllowedName, readMapEntry } from './members';
import { deepEqual, describe, isDate, isExpressionObject, isPlainObject, preview } from './values';

interface Method<T> {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly call: (target: T, args: readonly unknown[]) => unknown;
}

type MethodTable<T> = ReadonlyMap<string, Method<T>>;

function method<T>(
  minArgs: number,
  maxArgs: number,
  call: (target: T, args: readonly unknown[]) => unknown,
): Method<T> {
  return { minArgs, maxArgs, call };
}

const STRING_METHODS: MethodTable<string> = new Map([
  ['length', method<string>(0, 0, (s) => s.length)],
  ['size', method<string>(0, 0, (s) => s.length)],
  ['isEmpty', method<string>(0, 0, (s) => s.length === 0)],
  ['contains', method<string>(1, 1, (s, [x]) => s.includes(toStringArgument(x)))],
  ['startsWith', method<string>(1, 1, (s, [x]) => s.startsWith(toStringArgument(x)))],
  ['endsWith', method<string>(1, 1, (s, [x]) => s.endsWith(toStringArgument(x)))],
  ['toUpperCase', method<string>(0, 0, (s) => s.toUpperCase())],
  ['toLowerCase', method<string>(0, 0, (s) => s.toLowerCase())],
  ['trim', method<string>(0, 0, javaTrim)],
  // Java's String.equals: only an identical string is equal, no coercion.
  ['equals', method<string>(1, 1, (s, [x]) => x === s)],
  ['equalsIgnoreCase', method<string>(1, 1, (s, [x]) => x != null && sameIgnoringCase(s, x))],
  ['substring', method<string>(1, 2, substring)],
  ['indexOf', method<string>(1, 1, (s, [x]) => s.indexOf(toStringArgument(x)))],
]);

const LIST_METHODS: MethodTable<readonly unknown[]> = new Map([
  ['size', method<readonly unknown[]>(0, 0, (list) => list.length)],
  ['isEmpty', method<readonly unknown[]>(0, 0, (list) => list.length === 0)],
  ['contains', method<readonly unknown[]>(1, 1, (list, [x]) => list.some((y) => deepEqual(y, x)))],
  ['get', method<readonly unknown[]>(1, 1, listGet)],
]);

type PlainMap = Record<string, unknown>;

const MAP_METHODS: MethodTable<PlainMap> = new Map([
  ['size', method<PlainMap>(0, 0, (map) => Object.keys(map).length)],
  ['isEmpty', method<PlainMap>(0, 0, (map) => Object.keys(map).length === 0)],
  ['containsKey', method<PlainMap>(1, 1, containsKey)],
  ['get', method<PlainMap>(1, 1, (map, [key]) => readMapEntry(map, toStringArgument(key)))],
]);

// JavaScript has one number type, so int and long values are both truncations.
const NUMBER_METHODS: MethodTable<number> = new Map([
  ['intValue', method<number>(0, 0, (n) => Math.trunc(n))],
  ['longValue', method<number>(0, 0, (n) => Math.trunc(n))],
  ['doubleValue', method<number>(0, 0, (n) => n)],
]);

const DATE_METHODS: MethodTable<Date> = new Map([
  ['getTime', method<Date>(0, 0, (d) => d.getTime())],
  ['before', method<Date>(1, 1, (d, [x]) => d.getTime() < dateArgument(x).getTime())],
  ['after', method<Date>(1, 1, (d, [x]) => d.getTime() > dateArgument(x).getTime())],
]);

/** `target.name(args)`: dispatches to an ExpressionObject or to the allow-list of its type. */
export function invokeMethod(target: unknown, name: string, args: readonly unknown[]): unknown {
  assertAllowedName(name);
  if (target === null || target === undefined) fail(`Cannot call method '${name}' on null`);
  if (isExpressionObject(target)) return target.callMethod(name, args);
  if (typeof target === 'string') return run(STRING_METHODS, target, name, args);
  if (typeof target === 'number') return run(NUMBER_METHODS, target, name, args);
  if (Array.isArray(target)) return run(LIST_METHODS, target, name, args);
  if (isDate(target)) return run(DATE_METHODS, target, name, args);
  if (isPlainObject(target)) return run(MAP_METHODS, target, name, args);
  return notAllowed(name, target);
}

function run<T>(table: MethodTable<T>, target: T, name: string, args: readonly unknown[]): unknown {
  const found = table.get(name);
  if (found === undefined) return notAllowed(name, target);
  if (args.length < found.minArgs || args.length > found.maxArgs) {
    const { minArgs, maxArgs } = found;
    const expected = minArgs === maxArgs ? `${minArgs}` : `${minArgs}-${maxArgs}`;
    fail(`Method '${name}' expects ${expected} argument(s) but got ${args.length}`);
  }
  return found.call(target, args);
}

function notAllowed(name: string, target: unknown): never {
  return fail(`Method '${name}' is not allowed on ${describe(target)}`);
}

/** Java's trim() strips characters up to U+0020 (controls and space), not all Unicode blanks. */
function javaTrim(s: string): string {
  return s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

function sameIgnoringCase(s: string, other: unknown): boolean {
  const t = toStringArgument(other);
  if (s.length !== t.length) return false;
  return s.toUpperCase() === t.toUpperCase() || s.toLowerCase() === t.toLowerCase();
}

function substring(s: string, args: readonly unknown[]): string {
  const begin = toInteger(args[0]);
  const end = args.length > 1 ? toInteger(args[1]) : s.length;
  if (begin < 0 || end > s.length || begin > end) {
    fail(`substring(${begin}, ${end}) is out of range for a string of length ${s.length}`);
  }
  return s.substring(begin, end);
}

function listGet(list: readonly unknown[], [index]: readonly unknown[]): unknown {
  const i = toInteger(index);
  // Unlike list[i], Java's List.get(i) throws for an index out of bounds.
  if (i < 0 || i >= list.length) {
    fail(`Index ${i} is out of bounds for a list of size ${list.length}`);
  }
  return list[i];
}

function containsKey(map: PlainMap, [key]: readonly unknown[]): boolean {
  if (typeof key !== 'string') return false;
  assertAllowedName(key);
  return Object.hasOwn(map, key);
}

function dateArgument(value: unknown): Date {
  return isDate(value) ? value : fail(`Expected a date argument but got ${preview(value)}`);
}
