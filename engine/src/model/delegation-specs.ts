/**
 * Reads service task implementations and execution/task listeners from the moddle tree.
 * Anything Baton cannot run (scripts, field injection, timeout task listeners, unknown events)
 * is a problem naming the element; whether a handler name is registered is checked at deploy
 * time against the engine's registry (delegates/handler-check.ts).
 */
import type { ModelProblem } from '../errors';
import type { ModdleElement } from '../parser/parse-bpmn';
import type { DelegateSpec, ExecutionListenerEvent, HandlerRef, ListenerSpec, TaskListenerEvent } from './delegation-model';
import type { Compile } from './job-specs';
import { extensions, timerSpec } from './job-specs';

const DELEGATE_KINDS = new Set(['serviceTask', 'sendTask', 'businessRuleTask']);
const SINGLE_NAME = /^[$#]\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/;

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

/** True when a service-task-like element names a class, expression or delegate expression. */
export function hasDelegateImplementation(el: ModdleElement): boolean {
  return !!(str(el.class) || str(el.expression) || str(el.delegateExpression));
}

/** The handler reference of an element with class/delegateExpression/expression, or null with a problem. */
export function handlerRef(el: ModdleElement, id: string, what: string, compile: Compile, problems: ModelProblem[]): HandlerRef | null {
  const given = (['class', 'delegateExpression', 'expression'] as const).filter((a) => str(el[a]));
  if (given.length !== 1) {
    problems.push({ elementId: id, reason: `${what} needs exactly one of camunda:class, camunda:delegateExpression, camunda:expression (found ${given.length})` });
    return null;
  }
  const attr = given[0]!;
  const source = str(el[attr])!;
  if (attr === 'class') return { kind: 'class', className: source };
  const expression = compile(source, id, `${what} camunda:${attr}`);
  if (!expression) return null;
  if (attr === 'expression') return { kind: 'expression', expression };
  return { kind: 'delegateExpression', expression, handlerName: SINGLE_NAME.exec(source)?.[1] ?? null };
}

/** Service/send/business rule tasks with class, delegateExpression or expression. */
export function delegateSpec(el: ModdleElement, kind: string, id: string, compile: Compile, problems: ModelProblem[]): DelegateSpec | null {
  if (!DELEGATE_KINDS.has(kind) || !hasDelegateImplementation(el) || el.type === 'external') return null;
  const ref = handlerRef(el, id, 'service task', compile, problems);
  const resultVariable = str(el.resultVariable);
  if (resultVariable && ref?.kind !== 'expression') {
    problems.push({ elementId: id, reason: 'camunda:resultVariable is only supported with camunda:expression' });
  }
  return ref ? { ref, resultVariable } : null;
}

/** `camunda:executionListener`s of a flow node, sequence flow (`take`) or process. */
export function executionListeners(
  el: ModdleElement, id: string, on: 'node' | 'flow' | 'process', compile: Compile, problems: ModelProblem[],
): ListenerSpec<ExecutionListenerEvent>[] {
  const out: ListenerSpec<ExecutionListenerEvent>[] = [];
  for (const l of extensions(el).filter((v) => v.$type === 'camunda:ExecutionListener')) {
    // Camunda treats a listener on a sequence flow as `take` whatever its event says.
    const event = on === 'flow' ? 'take' : str(l.event);
    const allowed = on === 'flow' ? ['take'] : ['start', 'end'];
    if (!event || !allowed.includes(event)) {
      problems.push({ elementId: id, reason: `execution listener event '${event ?? ''}' is not valid here (expected ${allowed.join(' or ')})` });
      continue;
    }
    const ref = listenerRef(l, id, 'execution listener', compile, problems);
    if (ref) out.push({ event: event as ExecutionListenerEvent, ref });
  }
  return out;
}

/** `camunda:taskListener`s of a user task. */
export function taskListeners(el: ModdleElement, id: string, compile: Compile, problems: ModelProblem[]): ListenerSpec<TaskListenerEvent>[] {
  const out: ListenerSpec<TaskListenerEvent>[] = [];
  for (const l of extensions(el).filter((v) => v.$type === 'camunda:TaskListener')) {
    const event = str(l.event);
    if (!event || !['create', 'assignment', 'complete', 'delete', 'timeout'].includes(event)) {
      problems.push({ elementId: id, reason: `task listener event '${event ?? ''}' is not valid (expected create, assignment, complete, delete or timeout)` });
      continue;
    }
    const ref = listenerRef(l, id, 'task listener', compile, problems);
    if (event !== 'timeout') {
      if (ref) out.push({ event: event as TaskListenerEvent, ref });
      continue;
    }
    const listenerId = str(l.id);
    const defs = Array.isArray(l.eventDefinitions) ? (l.eventDefinitions as ModdleElement[]) : [];
    if (!listenerId || defs.length !== 1 || defs[0]!.$type !== 'bpmn:TimerEventDefinition') {
      problems.push({ elementId: id, reason: 'a timeout task listener needs an id and exactly one timer event definition' });
      continue;
    }
    const timer = timerSpec(l, id, compile, problems);
    if (ref && timer) out.push({ event: 'timeout', ref, id: listenerId, timer });
  }
  return out;
}

function listenerRef(l: ModdleElement, id: string, what: string, compile: Compile, problems: ModelProblem[]): HandlerRef | null {
  if (l.script) {
    problems.push({ elementId: id, reason: `${what} with camunda:script is not supported yet (no script support; use camunda:expression or a registered handler)` });
    return null;
  }
  if (Array.isArray(l.fields) && l.fields.length > 0) {
    problems.push({ elementId: id, reason: `${what} with camunda:field injection is not supported` });
    return null;
  }
  return handlerRef(l, id, what, compile, problems);
}
