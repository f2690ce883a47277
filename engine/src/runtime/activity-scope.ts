/**
 * The local variable scope of an activity with `camunda:inputOutput`. Why a scope record: as
 * in Camunda 7, input parameters become local variables of the activity, visible to its
 * expressions, handlers and user task, and gone when it ends. Such a scope is an entry of the
 * instance's `scopes` (id = the activity instance id, hosted by the token, `ioScope: true`),
 * so the scope chain, termination (which ends hosted scopes) and variable cleanup work as for
 * embedded sub-processes without new machinery.
 */
import type { InstanceRecord, ScopeRecord, TokenRecord } from '../persistence/records';
import type { WorkingSet } from './working-set';

/** The io scope the token hosts, if its activity has one. */
export function activityScopeOf(ws: WorkingSet, token: TokenRecord): ScopeRecord | undefined {
  return ws.instance.scopes.find((s) => s.ioScope === true && s.hostTokenId === token.id);
}

/** Where a token's expressions and handlers read and write local variables. */
export function variableScopeOf(ws: WorkingSet, token: TokenRecord): string {
  return tokenVariableScope(ws.instance, token);
}

/** variableScopeOf over a stored instance (reads outside a command, e.g. fetchAndLock). */
export function tokenVariableScope(instance: InstanceRecord, token: TokenRecord): string {
  return instance.scopes.find((s) => s.ioScope === true && s.hostTokenId === token.id)?.id ?? token.scopeInstanceId;
}

/** Opens the io scope of the token's activity (replacing a stale one from a failed attempt). */
export function openActivityScope(ws: WorkingSet, token: TokenRecord): string {
  closeActivityScope(ws, token);
  ws.instance.scopes.push({ id: token.activityInstanceId, elementId: token.elementId, parentScopeInstanceId: token.scopeInstanceId, hostTokenId: token.id, ioScope: true });
  return token.activityInstanceId;
}

/** Closes the token's io scope; its variables leave the runtime (history keeps them). */
export function closeActivityScope(ws: WorkingSet, token: TokenRecord): void {
  const scope = activityScopeOf(ws, token);
  if (!scope) return;
  ws.instance.scopes = ws.instance.scopes.filter((s) => s !== scope);
  ws.dropScopeVariables(scope.id);
}
