/**
 * `camunda:inputOutput` at run time. Input parameters are evaluated in the parent scope when the
 * activity starts and become local variables of its own scope (runtime/activity-scope.ts), so
 * the activity's expressions, handlers and user task see them. Output parameters
 * are evaluated in that scope when the activity ends and set on the parent scope with Camunda's
 * propagation rule; then the local scope closes.
 */
import type { ExpressionContext } from '../expression';
import type { IoParameter, IoValue } from '../model/delegation-model';
import type { FlowNode } from '../model/executable-model';
import type { TokenRecord } from '../persistence/records';
import { inferTypedValue } from '../variables/typed-value';
import { activityScopeOf, closeActivityScope, openActivityScope } from './activity-scope';
import type { VariableScopes } from './variable-scopes';
import type { WorkingSet } from './working-set';

/** What the mappings need from the running command. */
export interface IoHost {
  readonly ws: WorkingSet;
  readonly variables: VariableScopes;
  /** Set for the whole of a modification with `skipIoMappings`. */
  readonly skipIoMappings?: boolean;
}

/**
 * Applies the input parameters: evaluated in the parent scope (as Camunda does: one parameter
 * does not see another), then written as local variables of the activity's new scope.
 */
export function applyInputMappings(host: IoHost, node: FlowNode, token: TokenRecord): void {
  if (!node.ioMapping || host.skipIoMappings) return;
  closeActivityScope(host.ws, token);
  const ctx = host.variables.expressionContext(token);
  const values = node.ioMapping.inputs.map((p) => [p.name, inferTypedValue(evaluate(p, ctx))] as const);
  const scopeId = openActivityScope(host.ws, token);
  for (const [name, tv] of values) host.variables.setAllLocal(scopeId, { [name]: tv });
}

/** Applies the output parameters to the parent scope (all evaluated before any is written). */
export function applyOutputMappings(host: IoHost, node: FlowNode, token: TokenRecord): void {
  if (!node.ioMapping || host.skipIoMappings || !activityScopeOf(host.ws, token)) return;
  const ctx = host.variables.expressionContext(token);
  const values = node.ioMapping.outputs.map((p) => [p.name, inferTypedValue(evaluate(p, ctx))] as const);
  for (const [name, tv] of values) host.variables.setAll(token.scopeInstanceId, { [name]: tv });
}

/** Closes the activity's local scope (after its end listeners ran). */
export function closeIoScope(host: IoHost, token: TokenRecord): void {
  closeActivityScope(host.ws, token);
}

function evaluate(p: IoParameter, ctx: ExpressionContext): unknown {
  return value(p.value, ctx);
}

function value(v: IoValue, ctx: ExpressionContext): unknown {
  switch (v.kind) {
    case 'null':
      return null;
    case 'value':
      return v.expression.evaluate(ctx);
    case 'list':
      return v.items.map((item) => value(item, ctx));
    case 'map':
      return Object.fromEntries(v.entries.map(([k, item]) => [k, value(item, ctx)]));
  }
}
