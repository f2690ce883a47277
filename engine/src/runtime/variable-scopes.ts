/**
 * Variable scoping as in Camunda 7: a scope instance sees its own variables and those of its
 * ancestors up to the process instance. `set` updates the nearest scope that already has the
 * variable, else creates it on the process instance; `setLocal` writes exactly where asked.
 */
import { EXPRESSION_OBJECT, NOT_FOUND, type ExpressionContext, type ExpressionObject } from '../expression';
import { ExpressionError } from '../errors';
import type { TokenRecord, VariableRecord } from '../persistence/records';
import { checkTypedValue, type TypedValue, type VariableMap } from '../variables/typed-value';
import type { WorkingSet } from './working-set';
import { variableScopeOf } from './activity-scope';

/** One variable change of a command, as conditional events filter them (`camunda:variableEvents`). */
export interface VariableChangeEvent {
  readonly scopeId: string;
  readonly name: string;
  readonly event: 'create' | 'update' | 'delete';
}

/** Variable access for one working set. */
export class VariableScopes {
  /** Changes not yet seen by conditional events (runtime/conditional-events.ts consumes them). */
  readonly changes: VariableChangeEvent[] = [];

  constructor(
    private readonly ws: WorkingSet,
    private readonly newId: () => string,
  ) {}

  /** Scope ids from `scopeId` outward to the process instance. */
  chain(scopeId: string): string[] {
    const ids: string[] = [];
    const task = this.ws.tasks.get(scopeId);
    let current: string | undefined = task ? undefined : scopeId;
    if (task) {
      ids.push(task.id);
      const token = this.ws.instance.tokens.find((t) => t.id === task.tokenId);
      // A token's own activity instance can hold local variables (multi-instance loopCounter, element variable, input mappings).
      const own = token ? variableScopeOf(this.ws, token) : this.ws.instance.id;
      if (token && own === token.scopeInstanceId) ids.push(token.activityInstanceId);
      current = own;
    }
    while (current) {
      ids.push(current);
      if (current === this.ws.instance.id) break;
      current = this.ws.instance.scopes.find((s) => s.id === current)?.parentScopeInstanceId ?? this.ws.instance.id;
    }
    return ids;
  }

  /** The visible variable of this name, nearest scope first. */
  lookup(scopeId: string, name: string): VariableRecord | undefined {
    for (const id of this.chain(scopeId)) {
      const v = this.ws.variableAt(id, name);
      if (v) return v;
    }
    return undefined;
  }

  /** The variable a token sees: local to its activity instance first, then its scope chain. */
  lookupFor(token: TokenRecord, name: string): VariableRecord | undefined {
    return this.ws.variableAt(token.activityInstanceId, name) ?? this.lookup(variableScopeOf(this.ws, token), name);
  }

  /** Sets variables with Camunda's propagation rule (nearest existing scope, else the instance). */
  setAll(scopeId: string, variables: VariableMap): void {
    for (const [name, tv] of Object.entries(variables)) {
      const existing = this.lookup(scopeId, name);
      this.write(existing?.scopeId ?? this.ws.instance.id, name, tv);
    }
  }

  /** Sets variables exactly on this scope. */
  setAllLocal(scopeId: string, variables: VariableMap): void {
    for (const [name, tv] of Object.entries(variables)) this.write(scopeId, name, tv);
  }

  /**
   * Removes a variable: exactly at `scopeId` when `local`, else the nearest visible one.
   * Returns false when there is none. History keeps it, marked DELETED.
   */
  remove(scopeId: string, name: string, local: boolean): boolean {
    const v = local ? this.ws.variableAt(scopeId, name) : this.lookup(scopeId, name);
    if (!v) return false;
    this.ws.removeVariable(v);
    this.changes.push({ scopeId: v.scopeId, name, event: 'delete' });
    this.ws.history.variableUpserts.push({
      id: v.id, instanceId: v.instanceId, scopeId: v.scopeId, name, type: v.type, value: v.value, createTime: this.ws.time(), state: 'DELETED',
    });
    this.ws.emit('variable.set', null, name);
    return true;
  }

  /** An expression context over the token's scope, with `execution` and the engine clock. */
  expressionContext(token: TokenRecord): ExpressionContext {
    return {
      resolve: (name) => {
        const v = this.lookupFor(token, name);
        if (v) return v.value;
        return name === 'execution' ? this.executionObject(token) : NOT_FOUND;
      },
      now: () => this.ws.time(),
    };
  }

  private write(scopeId: string, name: string, value: TypedValue): void {
    const tv = checkTypedValue(name, value);
    const now = this.ws.time();
    const existing = this.ws.variableAt(scopeId, name);
    const record: VariableRecord = existing
      ? { ...existing, type: tv.type, value: tv.value, revision: existing.revision + 1 }
      : { id: this.newId(), instanceId: this.ws.instance.id, scopeId, name, type: tv.type, value: tv.value, revision: 1 };
    this.ws.putVariable(record, !existing);
    this.changes.push({ scopeId, name, event: existing ? 'update' : 'create' });
    this.ws.history.variableUpserts.push({
      id: record.id, instanceId: record.instanceId, scopeId, name, type: tv.type, value: tv.value, createTime: now, state: 'CREATED',
    });
    this.ws.history.variableUpdates.push({
      id: this.newId(), variableId: record.id, instanceId: record.instanceId, name, type: tv.type, value: tv.value, time: now, revision: record.revision,
    });
    this.ws.emit('variable.set', null, name);
  }

  private executionObject(token: TokenRecord): ExpressionObject {
    const instance = this.ws.instance;
    const props: Record<string, unknown> = {
      processInstanceId: instance.id,
      processBusinessKey: instance.businessKey,
      businessKey: instance.businessKey,
      processDefinitionId: instance.definitionId,
      activityId: token.elementId,
      id: token.id,
    };
    const getVariable = (args: readonly unknown[]) => this.lookupFor(token, String(args[0]))?.value ?? null;
    const methods: Record<string, (args: readonly unknown[]) => unknown> = {
      getVariable,
      hasVariable: (args) => this.lookupFor(token, String(args[0])) !== undefined,
      getProcessInstanceId: () => props.processInstanceId,
      getProcessBusinessKey: () => props.businessKey,
      getBusinessKey: () => props.businessKey,
      getProcessDefinitionId: () => props.processDefinitionId,
      getCurrentActivityId: () => props.activityId,
      getActivityId: () => props.activityId,
      getId: () => props.id,
    };
    return {
      [EXPRESSION_OBJECT]: true,
      callMethod: (name, args) => {
        const method = Object.hasOwn(methods, name) ? methods[name] : undefined;
        if (!method) throw new ExpressionError('EXPRESSION_EVALUATION', `Method 'execution.${name}' is not allowed`, name);
        return method(args);
      },
      getProperty: (name) => (Object.hasOwn(props, name) ? props[name] : NOT_FOUND),
    };
  }
}
