/**
 * Default values declared by generated forms (`camunda:formField defaultValue`), as typed
 * variables, as Camunda's form-variables answers them.
 */
import type { VariablesDto } from '../../../client/contract';
import type { ResolvedForm } from './form-types';

const TYPES: Record<string, string> = { string: 'String', long: 'Long', boolean: 'Boolean', date: 'Date', enum: 'String' };

function typed(type: string, raw: string): unknown {
  if (type === 'long') return Number.isInteger(Number(raw)) ? Number(raw) : null;
  if (type === 'boolean') return raw === 'true';
  return raw;
}

/** Defaults of the form's fields (only generated forms declare them). */
export function formDefaults(form: ResolvedForm, names?: readonly string[]): VariablesDto {
  if (form.kind !== 'generated') return {};
  const out: VariablesDto = {};
  for (const f of form.fields) {
    if (f.defaultValue === null || (names && !names.includes(f.id))) continue;
    out[f.id] = { value: typed(f.type, f.defaultValue), type: TYPES[f.type] ?? 'String', valueInfo: {} };
  }
  return out;
}
