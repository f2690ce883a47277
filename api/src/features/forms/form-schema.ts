/**
 * JSON Schemas (for ajv) derived from a form: from a form-js schema (Camunda Forms) and from
 * camunda:formData fields. The schema checks what the form itself promises: types, required
 * fields and the declared constraints.
 */
import type { FormFieldSpec, FormJsComponent, ResolvedForm } from './form-types';

/** A JSON Schema object (the subset Baton generates). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean;
}

/** A form's schema with field labels and the form's own pattern messages (form-js `patternErrorMessage`). */
export interface DerivedSchema {
  readonly schema: JsonSchema;
  readonly labels: Record<string, string>;
  readonly patternMessages?: Record<string, string>;
}

const STRING_TYPES = new Set(['textfield', 'textarea', 'password']);
const NO_VALUE = new Set(['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'expression', 'filepicker', 'documentPreview']);

function componentSchema(c: FormJsComponent): JsonSchema | null {
  const v = c.validate ?? {};
  const staticValues = Array.isArray(c.values) ? c.values.map((x) => x.value) : null;
  if (STRING_TYPES.has(c.type)) {
    const s: JsonSchema = { type: 'string' };
    if (v.minLength !== undefined) s.minLength = v.minLength;
    if (v.maxLength !== undefined) s.maxLength = v.maxLength;
    if (v.pattern) s.pattern = v.pattern;
    if (v.validationType === 'email') s.format = 'email';
    if (v.validationType === 'phone') s.pattern = '^\\+?[0-9 ()./-]{5,}$';
    return s;
  }
  switch (c.type) {
    case 'number': {
      const s: JsonSchema = { type: 'number' };
      if (v.min !== undefined) s.minimum = v.min;
      if (v.max !== undefined) s.maximum = v.max;
      return s;
    }
    case 'checkbox':
      return { type: 'boolean' };
    case 'radio':
    case 'select':
      return staticValues ? { enum: staticValues } : {};
    case 'checklist':
    case 'taglist':
      return { type: 'array', items: staticValues ? { enum: staticValues } : {} };
    case 'datetime':
      return { type: 'string' };
    default:
      return NO_VALUE.has(c.type) ? null : {};
  }
}

/** Walks form-js components; groups without a `path` keep their fields at the top level. */
type Collected = { schema: Required<Pick<JsonSchema, 'properties' | 'required'>>; labels: Record<string, string>; patternMessages: Record<string, string> };

function collect(components: readonly FormJsComponent[], out: Collected): void {
  for (const c of components) {
    if (c.components && (c.type === 'group' || c.type === 'default')) {
      // Nested paths (groups with `path`, dynamic lists) are accepted as they come: their
      // structure is the form's business, not a top-level field.
      if (c.path) out.schema.properties[c.path] = {};
      else collect(c.components, out);
      continue;
    }
    if (!c.key || c.disabled) continue;
    const s = componentSchema(c);
    if (!s) continue;
    out.schema.properties[c.key] = s;
    out.labels[c.key] = c.label || c.key;
    if (c.validate?.patternErrorMessage) out.patternMessages[c.key] = c.validate.patternErrorMessage;
    // A field with a hide condition may be hidden (and then not submitted): its FEEL condition
    // is evaluated in the browser only, so the server does not insist on it being present.
    if (c.validate?.required && !c.conditional?.hide) out.schema.required.push(c.key);
  }
}

/** Schema of a Camunda Form. */
export function schemaOfFormJs(components: readonly FormJsComponent[]): DerivedSchema {
  const out: Collected = { schema: { properties: {}, required: [] }, labels: {}, patternMessages: {} };
  collect(components, out);
  return { schema: { type: 'object', ...out.schema }, labels: out.labels, patternMessages: out.patternMessages };
}

function fieldSchema(f: FormFieldSpec): JsonSchema {
  const config = (name: string) => f.constraints.find((c) => c.name === name)?.config ?? null;
  const num = (name: string) => (config(name) !== null && !Number.isNaN(Number(config(name))) ? Number(config(name)) : undefined);
  switch (f.type) {
    case 'long':
      return { type: 'integer', minimum: num('min'), maximum: num('max') };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date-time' };
    case 'enum':
      return { type: 'string', enum: f.values.map((v) => v.id) };
    default: {
      const s: JsonSchema = { type: 'string', minLength: num('minlength'), maxLength: num('maxlength') };
      const pattern = config('pattern');
      if (pattern) s.pattern = pattern;
      return s;
    }
  }
}

/** Schema of generated camunda:formData fields. */
export function schemaOfFormData(fields: readonly FormFieldSpec[]): DerivedSchema {
  const properties: Record<string, JsonSchema> = {};
  const labels: Record<string, string> = {};
  const required: string[] = [];
  for (const f of fields) {
    if (f.constraints.some((c) => c.name === 'readonly')) continue;
    properties[f.id] = JSON.parse(JSON.stringify(fieldSchema(f))) as JsonSchema;
    labels[f.id] = f.label || f.id;
    if (f.constraints.some((c) => c.name === 'required')) required.push(f.id);
  }
  return { schema: { type: 'object', properties, required }, labels };
}

/** Schema of any resolved form; null when the form promises nothing (no form). */
export function schemaOf(form: ResolvedForm): DerivedSchema | null {
  if (form.kind === 'camunda-form') return schemaOfFormJs(form.schema.components);
  if (form.kind === 'generated') return schemaOfFormData(form.fields);
  return null;
}
