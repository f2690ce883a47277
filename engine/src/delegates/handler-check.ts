/**
 * Deploy-time check that every handler a model names is registered: `camunda:class` (full or
 * simple class name) and `camunda:delegateExpression="${name}"`. Expressions
 * (`camunda:expression`, composite delegate expressions) may also reference variables, so
 * they are resolved at run time; an unknown name there is an incident.
 */
import type { ModelProblem } from '../errors';
import type { HandlerRef, ListenerSpec } from '../model/delegation-model';
import type { ExecutableProcess } from '../model/executable-model';
import type { HandlerRegistry } from './handler-registry';

/** Problems for handler names of `model` that `registry` does not know. */
export function unregisteredHandlers(model: ExecutableProcess, registry: HandlerRegistry): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const check = (elementId: string, what: string, ref: HandlerRef) => {
    const missing = missingName(ref, registry);
    if (missing) problems.push({ elementId, reason: `${what}: no handler is registered for ${missing}` });
  };
  const checkListeners = (elementId: string, kind: string, specs: readonly ListenerSpec[] | undefined) => {
    for (const l of specs ?? []) check(elementId, `${kind} listener (${l.event})`, l.ref);
  };
  checkListeners(model.key, 'execution', model.listeners);
  for (const node of model.elements.values()) {
    if (node.delegate) check(node.id, 'service task', node.delegate.ref);
    checkListeners(node.id, 'execution', node.listeners);
    checkListeners(node.id, 'task', node.taskListeners);
  }
  for (const flow of model.flows.values()) checkListeners(flow.id, 'execution', flow.listeners);
  return problems;
}

function missingName(ref: HandlerRef, registry: HandlerRegistry): string | null {
  if (ref.kind === 'class') {
    const simple = ref.className.slice(ref.className.lastIndexOf('.') + 1);
    return registry.forClass(ref.className) ? null : `camunda:class '${ref.className}' (register it as '${ref.className}' or '${simple}')`;
  }
  if (ref.kind === 'delegateExpression' && ref.handlerName) {
    return registry.get(ref.handlerName) ? null : `camunda:delegateExpression '${ref.expression.source}' (register a handler named '${ref.handlerName}')`;
  }
  return null;
}
