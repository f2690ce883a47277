/**
 * Conversions between Camunda's typed variables and form values: prefill data for forms,
 * and typed variables from what a form submits.
 */
import type { FormFieldDto, VariablesDto, VariableValueDto } from '@baton/api/client';

/** Typed variables → plain values (Json parsed), for prefilling forms. */
export function plainOf(vars: VariablesDto): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(vars)) {
    if (v.type === 'Json' && typeof v.value === 'string') {
      try {
        out[name] = JSON.parse(v.value);
      } catch {
        out[name] = v.value;
      }
    } else out[name] = v.value;
  }
  return out;
}

/** A plain value → a typed variable, by its JS type (as Camunda's tasklist does for Camunda Forms). */
export function inferTyped(value: unknown): VariableValueDto {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') return { value, type: Number.isInteger(value) ? 'Long' : 'Double' };
  return { value: JSON.stringify(value), type: 'Json' };
}

/**
 * Submitted form-js data → typed variables. A number keeps the numeric type of the variable the
 * form was prefilled from. Why: by its JS type alone an amount of 420 stored as Double would go
 * back as a Long, an Integer as a Long; Java delegates and typed queries depend on the type.
 */
export function typedOfData(data: Record<string, unknown>, initial: VariablesDto = {}): VariablesDto {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, keepNumericType(inferTyped(v), initial[k]?.type)]));
}

/** Largest magnitudes of Camunda's integral types (Long: as far as a JS number is exact). */
const INTEGRAL_LIMITS: Readonly<Record<string, number>> = { Short: 2 ** 15, Integer: 2 ** 31, Long: Number.MAX_SAFE_INTEGER };

function keepNumericType(typed: VariableValueDto, before: string | undefined): VariableValueDto {
  const n = typed.value;
  if (typeof n !== 'number' || !before) return typed;
  if (before === 'Double') return { value: n, type: 'Double' };
  const limit = INTEGRAL_LIMITS[before];
  // A value the old type cannot hold (a fraction, out of range) keeps the type its JS value gives.
  return limit !== undefined && Number.isInteger(n) && n >= -limit && n < limit ? { value: n, type: before } : typed;
}

/** The raw input value of a generated field (strings for inputs, booleans for checkboxes). */
export type RawValue = string | boolean;

/** Initial raw value of a generated field from variables or its default. */
export function rawOfField(field: FormFieldDto, vars: VariablesDto): RawValue {
  const v = vars[field.id]?.value ?? field.defaultValue;
  if (field.type === 'boolean') return v === true || v === 'true';
  if (v === null || v === undefined) return '';
  if (field.type === 'date' && typeof v === 'string') return v.slice(0, 10);
  return String(v);
}

/**
 * Raw value → typed variable for a generated field. Values that do not parse go to the
 * server as they are (as String), so that it answers with the field's message.
 */
export function typedOfField(field: FormFieldDto, raw: RawValue): VariableValueDto {
  if (field.type === 'boolean') return { value: raw === true, type: 'Boolean' };
  const text = String(raw).trim();
  if (text === '') return { value: null, type: 'Null' };
  if (field.type === 'long') {
    const n = Number(text);
    return Number.isFinite(n) ? { value: n, type: Number.isInteger(n) ? 'Long' : 'Double' } : { value: text, type: 'String' };
  }
  if (field.type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { value: `${text}T00:00:00.000+0000`, type: 'Date' } : { value: text, type: 'String' };
  return { value: text, type: 'String' };
}
