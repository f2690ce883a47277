/**
 * Reads service task implementations and execution/task listeners from the moddle tree.
 * Anything Baton cannot run (scripts, unknown events)
 * is a problem naming the element; whether a handler name is registered is checked at deploy
 * time against the engine's registry (delegates/handler-check.ts).
 */
import type { ModelProblem } from '../errors';
import type { ModdleElement } from '../parser/parse-bpmn';
import type { DelegateSpec, ExecutionListenerEvent, FieldSpec, HandlerRef, ListenerSpec, TaskListenerEvent } from './delegation-model';
import type { Compile } from './job-specs';
import { extensions, timerSpec } from './job-specs';

const DELEGATE_KINDS = new Set(['serviceTask', 'sendTask', 'businessRuleTask']);
const MESSAGE_THROW_KINDS = new Set(['messageIntermediateThrowEvent', 'messageEndEvent']);
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
  const fields = fieldSpecs(el, id, what, compile, problems);
  const withFields = fields.length > 0 ? { fields } : {};
  if (attr === 'class') return { kind: 'class', className: source, ...withFields };
  const expression = compile(source, id, `${what} camunda:${attr}`);
  if (!expression) return null;
  if (attr === 'expression') return { kind: 'expression', expression, ...withFields };
  return { kind: 'delegateExpression', expression, handlerName: SINGLE_NAME.exec(source)?.[1] ?? null, ...withFields };
}

/**
 * `camunda:field`s of a task (extension elements) or listener (its children): each a text
 * (`stringValue`, `camunda:string`) or an expression (`expression`, `camunda:expression`).
 */
function fieldSpecs(el: ModdleElement, id: string, what: string, compile: Compile, problems: ModelProblem[]): FieldSpec[] {
  const raw = Array.isArray(el.fields) ? (el.fields as ModdleElement[]) : extensions(el).filter((v) => v.$type === 'camunda:Field');
  const out: FieldSpec[] = [];
  for (const f of raw) {
    const name = str(f.name);
    // camunda-moddle reads `string` and `expression` child elements as plain strings.
    const text = typeof f.stringValue === 'string' ? f.stringValue : typeof f.string === 'string' ? f.string : null;
    const source = str(f.expression);
    if (!name || (text === null) === (source === null)) {
      problems.push({ elementId: id, reason: `${what}: a camunda:field needs a name and exactly one of a string value or an expression` });
      continue;
    }
    const expression = source ? compile(source, id, `camunda:field '${name}'`) : null;
    if (source && !expression) continue;
    out.push({ name, text, expression });
  }
  return out;
}

/** Service/send/business rule tasks and message throw/end events (on their message event definition) with class, delegateExpression or expression. */
export function delegateSpec(el: ModdleElement, kind: string, id: string, compile: Compile, problems: ModelProblem[]): DelegateSpec | null {
  const isEvent = MESSAGE_THROW_KINDS.has(kind);
  const source = isEvent ? (Array.isArray(el.eventDefinitions) ? (el.eventDefinitions[0] as ModdleElement | undefined) : undefined) : el;
  if (!source || !(DELEGATE_KINDS.has(kind) || isEvent) || !hasDelegateImplementation(source) || source.type === 'external') return null;
  const ref = handlerRef(source, id, isEvent ? 'message throw event' : 'service task', compile, problems);
  const resultVariable = str(source.resultVariable);
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
  return handlerRef(l, id, what, compile, problems);
}
