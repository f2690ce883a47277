/**
 * Camunda's rendered forms (`GET …/rendered-form`): the HTML of a generated form
 * (`camunda:formData` fields), in the shape Camunda's HtmlFormEngine produces, so that
 * Camunda-era front ends that embed it keep working. Only generated forms render; a task with
 * a form key or a Camunda Form has none (404, as Camunda).
 */
import type { FormFieldSpec } from './form-types';

const CAMUNDA_TYPES: Record<string, string> = { string: 'String', long: 'Long', boolean: 'Boolean', date: 'Date', enum: 'String' };

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function attributes(pairs: ReadonlyArray<[string, string | null]>): string {
  return pairs.map(([name, value]) => (value === null ? ` ${name}` : ` ${name}="${escape(value)}"`)).join('');
}

function constraintAttributes(field: FormFieldSpec): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  for (const c of field.constraints) {
    if (c.name === 'required' || c.name === 'readonly') out.push([c.name, null]);
    else if (['minlength', 'maxlength', 'min', 'max', 'pattern'].includes(c.name) && c.config !== null) out.push([c.name, c.config]);
  }
  return out;
}

function control(field: FormFieldSpec): string {
  const type = CAMUNDA_TYPES[field.type] ?? 'String';
  const common: Array<[string, string | null]> = [['name', field.id], ['cam-variable-name', field.id], ['cam-variable-type', type], ...constraintAttributes(field)];
  if (field.type === 'enum') {
    const options = field.values
      .map((v) => `<option${attributes([['value', v.id], ...(v.id === field.defaultValue ? ([['selected', null]] as Array<[string, string | null]>) : [])])}>${escape(v.name ?? v.id)}</option>`)
      .join('');
    return `<select class="form-control"${attributes(common)}>${options}</select>`;
  }
  if (field.type === 'boolean') {
    return `<input type="checkbox"${attributes([...common, ...(field.defaultValue === 'true' ? ([['checked', null]] as Array<[string, string | null]>) : [])])} />`;
  }
  const value: Array<[string, string | null]> = field.defaultValue !== null ? [['value', field.defaultValue]] : [];
  const date: Array<[string, string | null]> = field.type === 'date' ? [['uib-datepicker-popup', 'dd/MM/yyyy']] : [];
  return `<input class="form-control" type="text"${attributes([...common, ...date, ...value])} />`;
}

/** The XHTML of a generated form. */
export function renderGeneratedForm(fields: readonly FormFieldSpec[]): string {
  const groups = fields.map(
    (f) => `<div class="form-group"><label for="${escape(f.id)}">${escape(f.label ?? f.id)}</label>${control(f)}</div>`,
  );
  return `<form class="form-horizontal">${groups.join('')}</form>`;
}
