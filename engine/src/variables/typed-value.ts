/**
 * Typed variables, as Camunda 7 has them: a value plus its type name. Inside the engine a
 * value is a plain JS value (Date for Date, parsed JSON for Json); on the wire it is
 * `{ value, type, valueInfo }` (see wire-format.ts).
 */
import { InvalidRequestError } from '../errors';
import { isBase64, isFileValue } from './file-value';

/** Variable types Baton stores; names are Camunda's canonical spelling. */
export type VariableType = 'String' | 'Integer' | 'Long' | 'Short' | 'Double' | 'Boolean' | 'Date' | 'Json' | 'Null' | 'File' | 'Bytes';

/** A value with its type. */
export interface TypedValue {
  readonly type: VariableType;
  readonly value: unknown;
}

/** A variable map as commands take it: name → typed value. */
export type VariableMap = Readonly<Record<string, TypedValue>>;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Infers the type of a plain JS value (results of expressions, handler output). */
export function inferTypedValue(value: unknown): TypedValue {
  if (value === null || value === undefined) return { type: 'Null', value: null };
  if (typeof value === 'string') return { type: 'String', value };
  if (typeof value === 'boolean') return { type: 'Boolean', value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidRequestError(`Cannot store non-finite number ${value}`, 'VARIABLE_INVALID');
    if (!Number.isInteger(value)) return { type: 'Double', value };
    return { type: value >= INT_MIN && value <= INT_MAX ? 'Integer' : 'Long', value };
  }
  if (value instanceof Date) return { type: 'Date', value };
  if (typeof value === 'object') return { type: 'Json', value };
  throw new InvalidRequestError(`Cannot store a value of JS type ${typeof value}`, 'VARIABLE_INVALID');
}

/** Checks that `value` fits `type`; throws VARIABLE_INVALID naming the variable otherwise. */
export function checkTypedValue(name: string, tv: TypedValue): TypedValue {
  const bad = (why: string) => new InvalidRequestError(`Variable '${name}': ${why}`, 'VARIABLE_INVALID');
  const v = tv.value;
  switch (tv.type) {
    case 'Null':
      return { type: 'Null', value: null };
    case 'String':
      if (typeof v !== 'string') throw bad(`value of type String must be a string`);
      return tv;
    case 'Boolean':
      if (typeof v !== 'boolean') throw bad(`value of type Boolean must be true or false`);
      return tv;
    case 'Integer':
    case 'Short':
    case 'Long': {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(`value of type ${tv.type} must be an integer`);
      const [min, max] = tv.type === 'Short' ? [-32768, 32767] : tv.type === 'Integer' ? [INT_MIN, INT_MAX] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      if (v < min || v > max) throw bad(`value ${v} is out of range for ${tv.type}`);
      return tv;
    }
    case 'Double':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`value of type Double must be a finite number`);
      return tv;
    case 'Date':
      if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw bad(`value of type Date must be a valid date`);
      return tv;
    case 'Json':
      return tv;
    case 'File':
      if (!isFileValue(v)) throw bad(`value of type File must be a file (base64 value with valueInfo.filename)`);
      return tv;
    case 'Bytes':
      if (typeof v !== 'string' || !isBase64(v)) throw bad(`value of type Bytes must be a base64 string`);
      return tv;
  }
}
