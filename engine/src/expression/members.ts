/**
 * Property and index access. Only own data properties of plain objects, list elements and the
 * allowed properties of ExpressionObjects are reachable; nothing on a prototype ever is.
 */
import { toInteger } from './coercion';
import { fail } from './failure';
import { NOT_FOUND } from './types';
import { describe, isExpressionObject, isPlainObject, preview } from './values';

const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Fails for names that lead to prototypes or constructors, wherever they are used. */
export function assertAllowedName(name: string): void {
  if (FORBIDDEN_NAMES.has(name)) fail(`Access to '${name}' is forbidden`);
}

/** `target.name`. */
export function readProperty(target: unknown, name: string): unknown {
  assertAllowedName(name);
  if (target === null || target === undefined) fail(`Cannot read property '${name}' of null`);
  if (Array.isArray(target)) {
    return fail(`Cannot read property '${name}' of a list (use size() or [index])`);
  }
  return readNamed(target, name);
}

/** `target[key]`: list elements by integer index, map entries and object properties by name. */
export function readIndex(target: unknown, key: unknown): unknown {
  if (typeof key === 'string') assertAllowedName(key);
  if (target === null || target === undefined) fail(`Cannot read [${preview(key)}] of null`);
  // EL 1.6: a null key yields null.
  if (key === null || key === undefined) return null;
  if (Array.isArray(target)) {
    const index = toInteger(key);
    // EL's list resolver yields null (no error) for an index out of bounds.
    return index >= 0 && index < target.length ? (target[index] as unknown) : null;
  }
  if (typeof key !== 'string' && typeof key !== 'number') {
    return fail(`Cannot use ${describe(key)} as a property name`);
  }
  return readNamed(target, String(key));
}

/** An own entry of a plain object (map), or null when absent, as JUEL's map resolver does. */
export function readMapEntry(map: Record<string, unknown>, name: string): unknown {
  assertAllowedName(name);
  const descriptor = Object.getOwnPropertyDescriptor(map, name);
  if (descriptor === undefined) return null;
  // Why via the descriptor: reading map[name] would run a getter; data properties only.
  if (!('value' in descriptor)) fail(`Property '${name}' is not a data property`);
  const value: unknown = descriptor.value;
  if (typeof value === 'function') fail(`Property '${name}' is a function and cannot be read`);
  return value;
}

function readNamed(target: unknown, name: string): unknown {
  if (isExpressionObject(target)) {
    const value = target.getProperty(name);
    if (value === NOT_FOUND) fail(`Property '${name}' is not available`);
    return value;
  }
  if (isPlainObject(target)) return readMapEntry(target, name);
  return fail(`Cannot read property '${name}' of ${describe(target)}`);
}
