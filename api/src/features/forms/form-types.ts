/**
 * The form of a user task or start event as the tasklist receives it: a Camunda Form
 * (form-js schema), generated fields from camunda:formData, or none (a variable editor).
 */
import type { FlowNode } from '@baton/engine';

/** A generated-form field (`camunda:formField`), as the engine's model carries it. */
export type FormFieldSpec = NonNullable<FlowNode['form']>['fields'][number];

/** A form-js component (only the parts Baton reads). */
export interface FormJsComponent {
  readonly id?: string;
  readonly type: string;
  readonly key?: string;
  readonly label?: string;
  readonly path?: string;
  readonly subtype?: string;
  readonly disabled?: boolean;
  readonly readonly?: boolean | string;
  readonly conditional?: { readonly hide?: string };
  readonly validate?: {
    readonly required?: boolean;
    readonly min?: number;
    readonly max?: number;
    readonly minLength?: number;
    readonly maxLength?: number;
    readonly pattern?: string;
    readonly patternErrorMessage?: string;
    readonly validationType?: string;
  };
  readonly values?: ReadonlyArray<{ readonly value: unknown; readonly label?: string }>;
  readonly components?: readonly FormJsComponent[];
}

/** A Camunda Form (`.form` file): a form-js schema. */
export interface FormJsSchema {
  readonly id?: string;
  readonly type: string;
  readonly components: readonly FormJsComponent[];
  readonly [more: string]: unknown;
}

/** Where a Camunda Form came from. */
export interface FormSource {
  readonly deploymentId: string;
  readonly resourceName: string;
}

/** The resolved form of a task or a start event. */
export type ResolvedForm =
  | { readonly kind: 'camunda-form'; readonly schema: FormJsSchema; readonly source: FormSource }
  | { readonly kind: 'generated'; readonly fields: readonly FormFieldSpec[] }
  | { readonly kind: 'none'; readonly formKey: string | null; readonly reason: string | null };
