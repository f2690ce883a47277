/**
 * A generated form from camunda:formData fields (string, long, boolean, date, enum). The
 * constraints are checked by the server, whose per-field messages appear under the fields.
 */
import { useState, type FormEvent } from 'react';
import type { FormFieldDto, VariablesDto } from '@baton/api/client';
import type { FormRendererProps } from './form-renderer';
import { rawOfField, typedOfField, type RawValue } from './form-values';

function isRequired(f: FormFieldDto): boolean {
  return f.constraints.some((c) => c.name === 'required');
}

function FieldInput({ field, value, error, onChange }: { field: FormFieldDto; value: RawValue; error?: string; onChange: (v: RawValue) => void }) {
  const id = `field-${field.id}`;
  const aria = { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined, 'aria-required': isRequired(field) || undefined };
  const readOnly = field.constraints.some((c) => c.name === 'readonly');
  const label = `${field.label ?? field.id}${isRequired(field) ? ' *' : ''}`;
  if (field.type === 'boolean') {
    return (
      <div className="form-field checkbox-field">
        <input id={id} type="checkbox" checked={value === true} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} {...aria} />
        <label htmlFor={id}>{label}</label>
        {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      </div>
    );
  }
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {field.type === 'enum' ? (
        <select id={id} value={String(value)} disabled={readOnly} onChange={(e) => onChange(e.target.value)} {...aria}>
          <option value="">—</option>
          {field.values.map((v) => <option key={v.id} value={v.id}>{v.name ?? v.id}</option>)}
        </select>
      ) : (
        <input
          id={id}
          type={field.type === 'date' ? 'date' : 'text'}
          inputMode={field.type === 'long' ? 'numeric' : undefined}
          value={String(value)}
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      )}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

/** The generated form. */
export function GeneratedForm({ fields, initial, submitLabel, busy, fieldErrors, onSubmit }: FormRendererProps & { fields: readonly FormFieldDto[] }) {
  const [values, setValues] = useState<Record<string, RawValue>>(() => Object.fromEntries(fields.map((f) => [f.id, rawOfField(f, initial)])));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const variables: VariablesDto = {};
    for (const f of fields) if (!f.constraints.some((c) => c.name === 'readonly')) variables[f.id] = typedOfField(f, values[f.id] ?? '');
    onSubmit(variables);
  };
  return (
    <form className="generated-form" onSubmit={submit} noValidate>
      {fields.map((f) => (
        <FieldInput key={f.id} field={f} value={values[f.id] ?? ''} error={fieldErrors[f.id]} onChange={(v) => setValues((s) => ({ ...s, [f.id]: v }))} />
      ))}
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Submitting…' : submitLabel}</button>
    </form>
  );
}
