/**
 * Camunda 7's wire format for typed variables: `{ "x": { "value": 1, "type": "Integer", "valueInfo": {} } }`.
 * Type names are accepted case-insensitively and written canonically; Json values travel as
 * strings; dates as `yyyy-MM-dd'T'HH:mm:ss.SSSZ`.
 */
import { InvalidRequestError } from '../errors';
import { checkTypedValue, inferTypedValue, type TypedValue, type VariableMap, type VariableType } from './typed-value';
import { bytesValueFromWire, fileValueFromWire, fileValueInfo, isFileValue } from './file-value';

/** A variable as Camunda 7 clients send and receive it. */
export interface WireVariable {
  value: unknown;
  type?: string | null;
  valueInfo?: Record<string, unknown>;
}

const CANONICAL: Record<string, VariableType> = {
  string: 'String', integer: 'Integer', long: 'Long', short: 'Short', double: 'Double',
  boolean: 'Boolean', date: 'Date', json: 'Json', null: 'Null', file: 'File', bytes: 'Bytes',
};

// Types Camunda has and Baton refuses on purpose, with the reason given to the client.
const REFUSED: Record<string, string> = {
  object: 'serialized Java objects (type Object) are not supported: Baton runs no Java and never deserializes client objects; send the value as Json',
  xml: 'type Xml is not supported; send the value as a String',
};

/** Formats a Date as Camunda does: 2024-01-31T09:15:00.000+0000 (UTC). */
export function formatCamundaDate(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

/** Parses Camunda's date format and plain ISO 8601 (with Z, ±hh:mm or ±hhmm offsets). */
export function parseCamundaDate(text: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const offset = m[2] ? (m[2] === 'Z' ? 'Z' : m[2].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
  const d = new Date(m[1] + offset);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Converts one wire variable into a checked typed value; throws VARIABLE_INVALID with the name. */
export function fromWire(name: string, wire: WireVariable): TypedValue {
  if (wire === null || typeof wire !== 'object') {
    throw new InvalidRequestError(`Variable '${name}' must be an object with 'value' and 'type'`, 'VARIABLE_INVALID');
  }
  const typeName = wire.type ?? null;
  if (typeName === null || typeName === '') return inferTypedValue(wire.value ?? null);
  const type = CANONICAL[String(typeName).toLowerCase()];
  const refused = REFUSED[String(typeName).toLowerCase()];
  if (refused) throw new InvalidRequestError(`Variable '${name}': ${refused}`, 'VARIABLE_INVALID');
  if (!type) {
    throw new InvalidRequestError(`Variable '${name}': unsupported value type '${typeName}'`, 'VARIABLE_INVALID');
  }
  if (wire.value === null || wire.value === undefined) return type === 'Null' ? { type, value: null } : { type, value: null };
  if (type === 'File') return { type, value: fileValueFromWire(name, wire.value, wire.valueInfo) };
  if (type === 'Bytes') return { type, value: bytesValueFromWire(name, wire.value) };
  return checkTypedValue(name, { type, value: coerce(name, type, wire.value) });
}

function coerce(name: string, type: VariableType, value: unknown): unknown {
  const bad = (why: string) => new InvalidRequestError(`Variable '${name}': ${why}`, 'VARIABLE_INVALID');
  switch (type) {
    case 'Date': {
      if (typeof value !== 'string') throw bad(`Date value must be a string like 2024-01-31T09:15:00.000+0000`);
      const d = parseCamundaDate(value);
      if (!d) throw bad(`cannot parse '${value}' as a date (expected yyyy-MM-dd'T'HH:mm:ss.SSSZ)`);
      return d;
    }
    case 'Json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        throw bad(`Json value is not valid JSON`);
      }
    case 'Integer':
    case 'Long':
    case 'Short':
    case 'Double':
      // Camunda accepts numeric strings for number types.
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
    case 'Boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

/** Converts a wire variable map (may be undefined) into a typed variable map. */
export function variablesFromWire(wire: unknown): VariableMap {
  if (wire === undefined || wire === null) return {};
  if (typeof wire !== 'object' || Array.isArray(wire)) {
    throw new InvalidRequestError(`'variables' must be an object of name → {value, type}`, 'VARIABLE_INVALID');
  }
  const out: Record<string, TypedValue> = {};
  for (const [name, v] of Object.entries(wire as Record<string, WireVariable>)) out[name] = fromWire(name, v);
  return out;
}

/** Converts a typed value into Camunda's wire shape. */
export function toWire(tv: TypedValue): { value: unknown; type: string; valueInfo: Record<string, unknown> } {
  switch (tv.type) {
    case 'Date':
      return { value: tv.value instanceof Date ? formatCamundaDate(tv.value) : tv.value, type: 'Date', valueInfo: {} };
    case 'Json':
      return { value: JSON.stringify(tv.value), type: 'Json', valueInfo: {} };
    case 'File':
      // As Camunda: the bytes are not part of the variable's JSON; GET …/data returns them.
      return { value: null, type: 'File', valueInfo: isFileValue(tv.value) ? fileValueInfo(tv.value) : {} };
    default:
      return { value: tv.value, type: tv.type, valueInfo: {} };
  }
}
