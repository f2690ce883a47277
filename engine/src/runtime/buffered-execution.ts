/**
 * The DelegateExecution handed to handlers. Writes are buffered and applied only when the
 * handler returns (or throws a BPMN error, whose variables Camunda keeps), so a handler that
 * fails leaves no half-written variables behind. It is also an ExpressionObject, so
 * `${bean.method(execution)}` passes it to the bean and `${execution.getVariable('x')}` works.
 */
import { BpmnErrorThrown, type DelegateExecution, type DelegateTaskInfo } from '../delegates/delegate-execution';
import { BatonError, ExpressionError } from '../errors';
import { EXPRESSION_OBJECT, NOT_FOUND, type ExpressionObject } from '../expression';
import type { TokenRecord } from '../persistence/records';
import { inferTypedValue, type TypedValue } from '../variables/typed-value';
import type { VariableScopes } from './variable-scopes';
import type { WorkingSet } from './working-set';

/** Where and for what a handler runs. */
export interface InvocationTarget {
  readonly token: TokenRecord;
  /** The element (or, for `take`, the flow's source element). */
  readonly elementId: string;
  /** The scope local writes go to (io scope, scope instance or task id). */
  readonly scopeId: string;
  readonly eventName: string | null;
  readonly transitionId: string | null;
  readonly task: DelegateTaskInfo | null;
}

interface PendingWrite {
  readonly name: string;
  readonly value: TypedValue;
  readonly local: boolean;
}

/** A DelegateExecution over a working set, with buffered writes. */
export class BufferedExecution implements DelegateExecution, ExpressionObject {
  readonly [EXPRESSION_OBJECT] = true as const;
  private readonly writes: PendingWrite[] = [];
  /** Injected `camunda:field` values (set before the handler runs). */
  fields: Readonly<Record<string, unknown>> = {};

  constructor(
    private readonly ws: WorkingSet,
    private readonly variables: VariableScopes,
    private readonly target: InvocationTarget,
  ) {}

  get id(): string { return this.target.token.id; }
  get processInstanceId(): string { return this.ws.instance.id; }
  get processDefinitionId(): string { return this.ws.instance.definitionId; }
  get processBusinessKey(): string | null { return this.ws.instance.businessKey; }
  get businessKey(): string | null { return this.ws.instance.businessKey; }
  get activityId(): string { return this.target.elementId; }
  get currentTransitionId(): string | null { return this.target.transitionId; }
  get eventName(): string | null { return this.target.eventName; }
  get task(): DelegateTaskInfo | null { return this.target.task; }

  /** The visible value of a variable, or NOT_FOUND (for expression contexts). */
  lookup(name: string): unknown {
    for (let i = this.writes.length - 1; i >= 0; i--) if (this.writes[i]!.name === name) return this.writes[i]!.value.value;
    const v = this.variables.lookup(this.target.scopeId, name);
    return v ? v.value : NOT_FOUND;
  }

  getVariable(name: string): unknown {
    const value = this.lookup(name);
    return value === NOT_FOUND ? null : value;
  }

  getVariableLocal(name: string): unknown {
    const local = [...this.writes].reverse().find((w) => w.name === name && w.local);
    if (local) return local.value.value;
    return this.ws.variableAt(this.target.scopeId, name)?.value ?? null;
  }

  hasVariable(name: string): boolean {
    return this.lookup(name) !== NOT_FOUND;
  }

  getVariables(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const scopeId of this.variables.chain(this.target.scopeId).reverse()) {
      for (const v of this.ws.variables.values()) if (v.scopeId === scopeId) out[v.name] = v.value;
    }
    for (const w of this.writes) out[w.name] = w.value.value;
    return out;
  }

  setVariable(name: string, value: unknown): void {
    this.writes.push({ name, value: typed(value), local: false });
  }

  setVariableLocal(name: string, value: unknown): void {
    this.writes.push({ name, value: typed(value), local: true });
  }

  throwBpmnError(errorCode: string, message?: string): never {
    throw new BpmnErrorThrown(String(errorCode), message ?? null, this.target.elementId);
  }

  /** Applies the buffered writes to the working set, in order. */
  commit(): void {
    for (const w of this.writes) {
      if (w.local) this.variables.setAllLocal(this.target.scopeId, { [w.name]: w.value });
      else this.variables.setAll(this.target.scopeId, { [w.name]: w.value });
    }
    this.writes.length = 0;
  }

  // ---- ExpressionObject: what `${execution.…}` may use ----------------------------------

  callMethod(name: string, args: readonly unknown[]): unknown {
    const arg = (i: number) => String(args[i]);
    switch (name) {
      case 'getVariable': return this.getVariable(arg(0));
      case 'getVariableLocal': return this.getVariableLocal(arg(0));
      case 'hasVariable': return this.hasVariable(arg(0));
      case 'setVariable': return this.setVariable(arg(0), args[1]);
      case 'setVariableLocal': return this.setVariableLocal(arg(0), args[1]);
      case 'getProcessInstanceId': return this.processInstanceId;
      case 'getProcessBusinessKey':
      case 'getBusinessKey': return this.businessKey;
      case 'getProcessDefinitionId': return this.processDefinitionId;
      case 'getCurrentActivityId':
      case 'getActivityId': return this.activityId;
      case 'getEventName': return this.eventName;
      case 'getId': return this.id;
      default: throw new ExpressionError('EXPRESSION_EVALUATION', `Method 'execution.${name}' is not allowed`, '');
    }
  }

  getProperty(name: string): unknown {
    switch (name) {
      case 'processInstanceId': return this.processInstanceId;
      case 'processBusinessKey':
      case 'businessKey': return this.businessKey;
      case 'processDefinitionId': return this.processDefinitionId;
      case 'activityId':
      case 'currentActivityId': return this.activityId;
      case 'eventName': return this.eventName;
      case 'id': return this.id;
      default: return NOT_FOUND;
    }
  }
}

/** A handler's value as a typed variable; objects are copied so later mutation does not leak in. */
function typed(value: unknown): TypedValue {
  if (typeof value === 'object' && value !== null && EXPRESSION_OBJECT in value) {
    throw new BatonError('VARIABLE_INVALID', 'A handler or execution object cannot be stored as a variable');
  }
  const tv = inferTypedValue(value);
  return tv.type === 'Json' ? { type: 'Json', value: structuredClone(tv.value) } : tv;
}
