/** What every form renderer (Camunda Form, generated, variable editor) receives. */
import type { FieldErrors, VariablesDto } from '@baton/api/client';

/** Props shared by the form renderers. */
export interface FormRendererProps {
  /** Variables that prefill the form. */
  readonly initial: VariablesDto;
  readonly submitLabel: string;
  readonly busy: boolean;
  /** Per-field messages from the server (field key → message). */
  readonly fieldErrors: FieldErrors;
  readonly onSubmit: (variables: VariablesDto) => void;
}
