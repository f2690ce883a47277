/**
 * Handlers registered with the engine by name: the TypeScript code behind
 * `camunda:class`, `camunda:delegateExpression` and beans called from `camunda:expression`.
 * An embedding application passes them to `new Engine({ handlers })` or calls
 * `engine.registerHandler(name, handler)`; the server loads them from `BATON_PLUGINS_DIR`.
 */
import { BatonError } from '../errors';
import type { DelegateExecution } from './delegate-execution';

/**
 * A handler: a synchronous function of the execution. Why synchronous: a command runs from one
 * wait state to the next on an in-memory working set and flushes once; awaiting I/O inside it
 * would hold the instance's row lock and transaction open for as long as the I/O takes. Work
 * that must wait for I/O belongs in an external task (`camunda:type="external"`).
 */
export type DelegateHandler = (execution: DelegateExecution) => void;

/**
 * What may be registered: a handler function, an object with `execute(execution)` (service
 * tasks, like Camunda's JavaDelegate) and/or `notify(execution)` (listeners), or any object
 * whose methods expressions call (`${mailer.send(execution)}`).
 */
export type Registrable = DelegateHandler | object;

/** Handlers by name. */
export class HandlerRegistry {
  private readonly byName = new Map<string, Registrable>();

  constructor(initial: Readonly<Record<string, Registrable>> = {}) {
    for (const [name, handler] of Object.entries(initial)) this.register(name, handler);
  }

  /** Registers (or replaces) a handler under a name. */
  register(name: string, handler: Registrable): void {
    if (!/^[A-Za-z_$][\w$.]*$/.test(name)) throw new BatonError('INVALID_REQUEST', `Handler name '${name}' is not a valid identifier or class name`);
    if ((typeof handler !== 'function' && typeof handler !== 'object') || handler === null) {
      throw new BatonError('INVALID_REQUEST', `Handler '${name}' must be a function or an object`);
    }
    this.byName.set(name, handler);
  }

  /** The handler registered under exactly this name. */
  get(name: string): Registrable | undefined {
    return this.byName.get(name);
  }

  /**
   * The handler for `camunda:class`: registered under the full class name
   * (`com.example.SendMail`), else under its simple name (`SendMail`).
   */
  forClass(className: string): Registrable | undefined {
    return this.byName.get(className) ?? this.byName.get(className.slice(className.lastIndexOf('.') + 1));
  }

  /** Registered names, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
