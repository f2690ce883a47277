/**
 * The `camunda:in` / `camunda:out` variable mappings of a call activity, over any variable
 * source: the calling token's scope (in, evaluated when the call activity is entered) or the
 * called instance (out, evaluated when it completes).
 */
import type { CompiledExpression } from '../../expression';
import type { CallVariableMapping } from '../../model/call-activity-spec';
import { inferTypedValue, type TypedValue, type VariableMap } from '../../variables/typed-value';

/** Where mappings read from. */
export interface MappingSource {
  /** Visible variables (`local`: only the scope's own). */
  variables(local: boolean): VariableMap;
  evaluate(expression: CompiledExpression): unknown;
}

/** Applies the mappings in document order; later mappings overwrite earlier ones (as in Camunda). */
export function mapVariables(mappings: readonly CallVariableMapping[], from: MappingSource): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const m of mappings) {
    if (m.kind === 'all') Object.assign(out, from.variables(m.local));
    else if (m.kind === 'variable') {
      // Camunda passes a missing source variable as null rather than failing.
      out[m.target] = from.variables(m.local)[m.source] ?? { type: 'Null', value: null };
    } else out[m.target] = inferTypedValue(from.evaluate(m.source));
  }
  return out;
}
