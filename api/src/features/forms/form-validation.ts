/**
 * Server-side validation of submitted form values with ajv against the schema derived from
 * the form; failures become per-field English messages, answered as 400 with
 * `details.fieldErrors` (name → message) so that the form can show them next to its fields.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { variablesFromWire, type VariableMap } from '@baton/engine';
import type { DerivedSchema, JsonSchema } from './form-schema';

// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

function validatorOf(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    if (compiled.size >= MAX_CACHED) compiled.clear();
    fn = ajv.compile(schema);
    compiled.set(key, fn);
  }
  return fn;
}

/** Typed variables → plain values; empty strings and nulls count as "not filled in". */
export function plainValues(variables: VariableMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, tv] of Object.entries(variables)) {
    if (tv.value === null || tv.value === '') continue;
    out[name] = tv.value instanceof Date ? tv.value.toISOString() : tv.value;
  }
  return out;
}

function messageOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'This field is required.';
    case 'type':
      return p.type === 'number' || p.type === 'integer'
        ? p.type === 'integer' ? 'Must be a whole number.' : 'Must be a number.'
        : p.type === 'boolean' ? 'Must be yes or no.' : p.type === 'array' ? 'Must be a list.' : 'Must be text.';
    case 'minimum':
      return `Must be at least ${String(p.limit)}.`;
    case 'maximum':
      return `Must be at most ${String(p.limit)}.`;
    case 'minLength':
      return `Must have at least ${String(p.limit)} characters.`;
    case 'maxLength':
      return `Must have at most ${String(p.limit)} characters.`;
    case 'pattern':
      return `Must match the pattern ${String(p.pattern)}.`;
    case 'enum':
      return `Must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'format':
      return p.format === 'email' ? 'Must be an email address.' : `Must be a valid ${String(p.format)}.`;
    default:
      return e.message ?? 'Invalid value.';
  }
}

/** Field name → message (the first problem of each field). */
export function validateValues(derived: DerivedSchema, values: Record<string, unknown>): Record<string, string> {
  const validate = validatorOf(derived.schema);
  if (validate(values)) return {};
  const errors: Record<string, string> = {};
  for (const e of validate.errors ?? []) {
    const field = e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : e.instancePath.split('/')[1] ?? '';
    const custom = e.keyword === 'pattern' ? derived.patternMessages?.[field] : undefined;
    if (field && !(field in errors)) errors[field] = custom ?? messageOf(e);
  }
  return errors;
}

/** Result of checking a submission: the typed variables, or per-field errors. */
export type SubmissionCheck = { readonly ok: true; readonly variables: VariableMap } | { readonly ok: false; readonly fieldErrors: Record<string, string> };

/** Checks wire variables against a derived schema (type conversion errors count as field errors). */
export function checkSubmission(derived: DerivedSchema | null, wire: unknown): SubmissionCheck {
  const fieldErrors: Record<string, string> = {};
  const variables: Record<string, VariableMap[string]> = {};
  if (wire !== undefined && wire !== null && (typeof wire !== 'object' || Array.isArray(wire))) {
    return { ok: false, fieldErrors: { variables: "'variables' must be an object of name → {value, type}" } };
  }
  for (const [name, v] of Object.entries((wire ?? {}) as Record<string, unknown>)) {
    try {
      Object.assign(variables, variablesFromWire({ [name]: v }));
    } catch (err) {
      fieldErrors[name] = err instanceof Error ? err.message.replace(/^Variable '[^']*': /, '') : 'Invalid value.';
    }
  }
  if (derived) for (const [k, m] of Object.entries(validateValues(derived, plainValues(variables)))) fieldErrors[k] ??= m;
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, variables };
}
