/**
 * Renders the resolved form of a task or start event and submits it: Camunda Form, generated
 * form or variable editor. A 400 with per-field messages goes back to the fields (and into a
 * summary for screen readers); other errors are shown above the form.
 */
import { useState } from 'react';
import { fieldErrorsOf, type FieldErrors, type FormDefinitionDto, type VariablesDto } from '@baton/api/client';
import { errorText } from '../ui/notice';
import { CamundaForm } from './camunda-form';
import { GeneratedForm } from './generated-form';
import { VariableEditor } from './variable-editor';

/** Props of the form panel. */
export interface FormPanelProps {
  readonly form: FormDefinitionDto;
  readonly initial: VariablesDto;
  readonly submitLabel: string;
  /** Sends the values; throws the API's error when refused. */
  readonly onSubmit: (variables: VariablesDto) => Promise<void>;
  /** Handles errors other than field errors itself (returns true when handled). */
  readonly onError?: (err: unknown) => boolean;
}

/** The form with submit handling. */
export function FormPanel({ form, initial, submitLabel, onSubmit, onError }: FormPanelProps) {
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);

  const submit = async (variables: VariablesDto) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(variables);
      setFieldErrors({});
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (fields) setFieldErrors(fields);
      else if (!onError?.(err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const props = { initial, submitLabel, busy, fieldErrors, onSubmit: (v: VariablesDto) => void submit(v) };
  const count = Object.keys(fieldErrors).length;

  return (
    <div className="form-panel">
      {form.kind === 'none' && form.reason && <p className="muted small">{form.reason}</p>}
      {count > 0 && (
        <div className="notice notice-error" role="alert">
          Please correct {count === 1 ? 'the highlighted field' : `${count} fields`}:
          <ul>{Object.entries(fieldErrors).map(([k, m]) => <li key={k}>{k}: {m}</li>)}</ul>
        </div>
      )}
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {form.kind === 'camunda-form' && <CamundaForm schema={form.schema} {...props} />}
      {form.kind === 'generated' && <GeneratedForm fields={form.fields} {...props} />}
      {form.kind === 'none' && <VariableEditor {...props} />}
    </div>
  );
}
