/**
 * The form of tasks without one: a typed variable editor (name, type, value). Existing
 * variables are listed for editing; rows can be added and removed.
 */
import { useState, type FormEvent } from 'react';
import type { VariablesDto } from '@baton/api/client';
import type { FormRendererProps } from './form-renderer';

const TYPES = ['String', 'Long', 'Double', 'Boolean', 'Date', 'Json'] as const;
type Row = { name: string; type: (typeof TYPES)[number]; value: string };

function rowsOf(vars: VariablesDto): Row[] {
  return Object.entries(vars)
    .filter(([, v]) => (TYPES as readonly string[]).includes(v.type))
    .map(([name, v]) => ({ name, type: v.type as Row['type'], value: v.value === null ? '' : String(v.value) }));
}

/** Row → wire value; numbers and booleans are sent as typed, the server checks them. */
function wireOf(r: Row): { value: unknown; type: string } {
  if (r.type === 'Long' || r.type === 'Double') return { value: r.value.trim() === '' ? null : Number(r.value), type: r.type };
  if (r.type === 'Boolean') return { value: r.value === 'true', type: 'Boolean' };
  return { value: r.value, type: r.type };
}

/** The variable editor. */
export function VariableEditor({ initial, submitLabel, busy, fieldErrors, onSubmit }: FormRendererProps) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(initial));
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), wireOf(r)])));
  };
  return (
    <form className="variable-editor" onSubmit={submit} noValidate>
      <p className="muted small">This task has no form: set variables to complete it.</p>
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Value</th><th scope="col"><span className="visually-hidden">Remove</span></th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td><input aria-label={`Name of variable ${i + 1}`} value={r.name} onChange={(e) => update(i, { name: e.target.value })} /></td>
              <td>
                <select aria-label={`Type of variable ${i + 1}`} value={r.type} onChange={(e) => update(i, { type: e.target.value as Row['type'] })}>
                  {TYPES.map((t) => <option key={t}>{t}</option>)}
                </select>
              </td>
              <td>
                {r.type === 'Boolean' ? (
                  <select aria-label={`Value of variable ${i + 1}`} value={r.value === 'true' ? 'true' : 'false'} onChange={(e) => update(i, { value: e.target.value })}>
                    <option value="true">true</option><option value="false">false</option>
                  </select>
                ) : (
                  <input aria-label={`Value of variable ${i + 1}`} value={r.value} onChange={(e) => update(i, { value: e.target.value })} aria-invalid={fieldErrors[r.name] ? true : undefined} />
                )}
                {fieldErrors[r.name] && <p className="field-error">{fieldErrors[r.name]}</p>}
              </td>
              <td><button type="button" className="link-button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove variable ${r.name || i + 1}`}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" onClick={() => setRows((rs) => [...rs, { name: '', type: 'String', value: '' }])}>Add variable</button>
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Submitting…' : submitLabel}</button>
      </div>
    </form>
  );
}
