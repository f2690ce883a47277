/**
 * A Camunda Form rendered by @bpmn-io/form-js (viewer): prefilled from process variables,
 * validated in the browser by form-js, and showing the server's per-field messages at the
 * fields (form-js keeps errors by field id, the server answers by key).
 */
import { useEffect, useRef } from 'react';
import { Form } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import type { FormDefinitionDto } from '@baton/api/client';
import type { FormRendererProps } from './form-renderer';
import { plainOf, typedOfData } from './form-values';

type Schema = Extract<FormDefinitionDto, { kind: 'camunda-form' }>['schema'];
interface Component {
  id?: string;
  key?: string;
  components?: Component[];
}

/** Field key → form-js field id, through groups. */
export function fieldIdsByKey(components: readonly unknown[], out: Record<string, string> = {}): Record<string, string> {
  for (const c of components as Component[]) {
    if (c.key && c.id) out[c.key] = c.id;
    if (c.components) fieldIdsByKey(c.components, out);
  }
  return out;
}

/** form-js's state setter is not in its typings; it is how the form shows errors. */
type FormWithState = Form & { _setState(state: { errors: Record<string, string[]> }): void };

/** The form-js renderer. */
export function CamundaForm({ schema, initial, submitLabel, busy, fieldErrors, onSubmit }: FormRendererProps & { schema: Schema }) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<FormWithState | null>(null);

  useEffect(() => {
    // No input debounce: our own submit button reads the data right after the last keystroke.
    const f = new Form({ container: container.current!, debounce: false } as ConstructorParameters<typeof Form>[0]) as FormWithState;
    form.current = f;
    void f.importSchema(schema, plainOf(initial));
    return () => {
      f.destroy();
      form.current = null;
    };
    // The initial values belong to the schema import; later variable changes must not reset input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schema]);

  useEffect(() => {
    const f = form.current;
    if (!f || Object.keys(fieldErrors).length === 0) return;
    const ids = fieldIdsByKey(schema.components);
    f._setState({ errors: Object.fromEntries(Object.entries(fieldErrors).map(([k, m]) => [ids[k] ?? k, [m]])) });
  }, [fieldErrors, schema]);

  const submit = () => {
    const f = form.current;
    if (!f) return;
    const { data, errors } = f.submit();
    if (Object.keys(errors).length > 0) {
      container.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select')?.focus();
      return;
    }
    onSubmit(typedOfData(data as Record<string, unknown>, initial));
  };

  return (
    <div className="camunda-form">
      <div ref={container} className="form-container" />
      <button type="button" className="primary" disabled={busy} onClick={submit}>{busy ? 'Submitting…' : submitLabel}</button>
    </div>
  );
}
