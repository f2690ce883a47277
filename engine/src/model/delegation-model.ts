/**
 * The executable model of Camunda 7 delegation: service task implementations
 * (`camunda:class`, `camunda:delegateExpression`, `camunda:expression`), execution and task
 * listeners, and `camunda:inputOutput` mappings. Plain read-only data built at deploy time.
 */
import type { CompiledExpression } from '../expression';
import type { TimerSpec } from './executable-model';

/** How a service task or listener names its code: a registered handler or an expression. */
export type HandlerRef = (
  /** `camunda:class="com.example.Foo"`: a handler registered under the full or the simple class name. */
  | { readonly kind: 'class'; readonly className: string }
  /**
   * `camunda:delegateExpression="${name}"`: the expression yields a registered handler.
   * `handlerName` is set when the expression is exactly one identifier (checked at deploy time).
   */
  | { readonly kind: 'delegateExpression'; readonly expression: CompiledExpression; readonly handlerName: string | null }
  /** `camunda:expression="${bean.method(execution)}"`: evaluated for its effect (and result). */
  | { readonly kind: 'expression'; readonly expression: CompiledExpression }
) & {
  /** `camunda:field` injection: values handed to the handler as `execution.fields`. */
  readonly fields?: readonly FieldSpec[];
};

/** One `camunda:field`: a fixed text (`stringValue`, `camunda:string`) or an expression evaluated per call. */
export interface FieldSpec {
  readonly name: string;
  readonly text: string | null;
  readonly expression: CompiledExpression | null;
}

/** A service task (or send / business rule task) implemented by a handler or an expression. */
export interface DelegateSpec {
  readonly ref: HandlerRef;
  /** `camunda:resultVariable` (expression service tasks): where the expression's value goes. */
  readonly resultVariable: string | null;
}

/** Events execution listeners listen to. */
export type ExecutionListenerEvent = 'start' | 'end' | 'take';

/** Events task listeners listen to. */
export type TaskListenerEvent = 'create' | 'assignment' | 'complete' | 'delete' | 'timeout';

/** One listener: the event and the code to run. */
export interface ListenerSpec<E extends string = string> {
  readonly event: E;
  readonly ref: HandlerRef;
  /** `timeout` task listeners: the listener's id (names its timer job) and its timer. */
  readonly id?: string;
  readonly timer?: TimerSpec;
}

/** The value of an input/output parameter: text or expression, list, map, or null (empty). */
export type IoValue =
  | { readonly kind: 'value'; readonly expression: CompiledExpression }
  | { readonly kind: 'list'; readonly items: readonly IoValue[] }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<readonly [string, IoValue]> }
  | { readonly kind: 'null' };

/** One `camunda:inputParameter` / `camunda:outputParameter`. */
export interface IoParameter {
  readonly name: string;
  readonly value: IoValue;
}

/** `camunda:inputOutput` of an activity. */
export interface IoMappingSpec {
  readonly inputs: readonly IoParameter[];
  readonly outputs: readonly IoParameter[];
}
