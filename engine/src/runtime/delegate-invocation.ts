/**
 * Runs the code a service task or listener names: a registered handler (`camunda:class`,
 * `camunda:delegateExpression`) or an expression over registered beans (`camunda:expression`),
 * with a BufferedExecution. Handler failures become typed errors (the run loop turns them into
 * incidents); writes are applied only on success.
 */
import { BpmnErrorThrown } from '../delegates/delegate-execution';
import type { HandlerRegistry, Registrable } from '../delegates/handler-registry';
import { BatonError } from '../errors';
import { EXPRESSION_OBJECT, NOT_FOUND, type ExpressionContext, type ExpressionObject } from '../expression';
import type { HandlerRef } from '../model/delegation-model';
import { BufferedExecution, type InvocationTarget } from './buffered-execution';
import type { VariableScopes } from './variable-scopes';
import type { WorkingSet } from './working-set';

/** What the invocation needs from the running command. */
export interface DelegationHost {
  readonly ws: WorkingSet;
  readonly variables: VariableScopes;
  readonly handlers: HandlerRegistry | undefined;
  /** Set for the whole of a modification with `skipCustomListeners`. */
  readonly skipCustomListeners?: boolean;
  /** Set while a command is not verified yet (a start on a cached latest version, a command on a cached working set): invoking a handler throws HandlersRefused. */
  readonly refuseHandlers?: boolean;
}

/**
 * Thrown instead of invoking a handler while `refuseHandlers` is set, before the handler runs.
 * Not a BatonError on purpose: no incident catches it, it ends the whole command, which the
 * engine then runs again verified (so no handler ever runs for a command that is thrown away).
 */
export class HandlersRefused extends Error {}

/** `execute` for service tasks (JavaDelegate), `notify` for listeners. */
export type HandlerPurpose = 'execute' | 'notify';

/** Runs `ref` for `target`; returns the expression's value (camunda:expression), else undefined. */
export function invokeHandler(host: DelegationHost, target: InvocationTarget, ref: HandlerRef, purpose: HandlerPurpose): unknown {
  if (host.refuseHandlers) throw new HandlersRefused(`Handler of '${target.elementId}' refused: the command is not verified yet`);
  const execution = new BufferedExecution(host.ws, host.variables, target);
  const where = `'${target.elementId}'${target.eventName ? ` (${target.eventName} listener)` : ''}`;
  try {
    const result = run(host, execution, ref, purpose, where);
    execution.commit();
    return result;
  } catch (err) {
    // Camunda keeps the variables a delegate set before throwing a BPMN error.
    if (err instanceof BpmnErrorThrown) execution.commit();
    if (err instanceof BatonError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new BatonError('HANDLER_FAILED', `Handler of ${where} failed: ${message}`);
  }
}

function run(host: DelegationHost, execution: BufferedExecution, ref: HandlerRef, purpose: HandlerPurpose, where: string): unknown {
  const ctx = expressionContext(host, execution, where);
  // Field expressions are evaluated per call, in the execution's scope, as Camunda does for each invocation.
  if (ref.fields) execution.fields = Object.fromEntries(ref.fields.map((f) => [f.name, f.expression ? f.expression.evaluate(ctx) : f.text]));
  switch (ref.kind) {
    case 'class': {
      const handler = host.handlers?.forClass(ref.className);
      if (!handler) throw notRegistered(`camunda:class '${ref.className}'`, where);
      return callHandler(handler, execution, purpose, ref.className, where);
    }
    case 'delegateExpression': {
      const value = ref.expression.evaluate(ctx);
      const handler = value instanceof BeanObject ? value.target : null;
      if (!handler) throw notRegistered(`camunda:delegateExpression '${ref.expression.source}' (it yields no handler)`, where);
      return callHandler(handler, execution, purpose, ref.expression.source, where);
    }
    case 'expression':
      return noPromise(ref.expression.evaluate(ctx), ref.expression.source, where);
  }
}

function notRegistered(what: string, where: string): BatonError {
  return new BatonError('HANDLER_NOT_REGISTERED', `No handler is registered for ${what} of ${where}`);
}

function callHandler(handler: Registrable, execution: BufferedExecution, purpose: HandlerPurpose, name: string, where: string): undefined {
  if (typeof handler === 'function') {
    noPromise((handler as (e: BufferedExecution) => unknown)(execution), name, where);
    return undefined;
  }
  const method = (handler as Record<string, unknown>)[purpose];
  if (typeof method !== 'function') throw new BatonError('HANDLER_FAILED', `Handler '${name}' of ${where} is neither a function nor has a ${purpose}(execution) method`);
  noPromise(method.call(handler, execution), name, where);
  return undefined;
}

/**
 * Handlers are synchronous (see DelegateHandler). A returned promise cannot be awaited inside
 * the command, and its effects would escape the transaction, so it is refused with an incident;
 * its eventual rejection is swallowed so that it cannot crash the process.
 */
function noPromise(value: unknown, name: string, where: string): unknown {
  if (value instanceof Promise || (typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function')) {
    (value as Promise<unknown>).then(undefined, () => undefined);
    throw new BatonError(
      'HANDLER_ASYNC',
      `Handler '${name}' of ${where} returned a Promise: handlers run synchronously inside the command's transaction; put asynchronous work into an external task (camunda:type="external")`,
    );
  }
  return value;
}

/** Variables first, then `execution`, `task`, then registered handlers as beans (Camunda's resolver order). */
function expressionContext(host: DelegationHost, execution: BufferedExecution, where: string): ExpressionContext {
  return {
    resolve: (name) => {
      const value = execution.lookup(name);
      if (value !== NOT_FOUND) return value;
      if (name === 'execution') return execution;
      if (name === 'task' && execution.task) return { ...execution.task };
      const handler = host.handlers?.get(name);
      return handler ? new BeanObject(handler, name, where) : NOT_FOUND;
    },
    now: () => host.ws.time(),
  };
}

const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * A registered handler as expressions see it. Only methods are callable — never properties,
 * never members of Object.prototype — and a handler function is callable as `execute`/`notify`.
 */
class BeanObject implements ExpressionObject {
  readonly [EXPRESSION_OBJECT] = true as const;

  constructor(
    readonly target: Registrable,
    private readonly name: string,
    private readonly where: string,
  ) {}

  callMethod(method: string, args: readonly unknown[]): unknown {
    const label = `${this.name}.${method}`;
    if (typeof this.target === 'function') {
      if (method !== 'execute' && method !== 'notify') throw this.notAllowed(method);
      return noPromise((this.target as (...a: unknown[]) => unknown)(...args), label, this.where);
    }
    const fn = OBJECT_MEMBERS.has(method) ? undefined : (this.target as Record<string, unknown>)[method];
    if (typeof fn !== 'function') throw this.notAllowed(method);
    return noPromise(fn.apply(this.target, args), label, this.where);
  }

  getProperty(): unknown {
    return NOT_FOUND;
  }

  private notAllowed(method: string): BatonError {
    return new BatonError('EXPRESSION_EVALUATION', `'${this.name}' has no callable method '${method}'`);
  }
}
