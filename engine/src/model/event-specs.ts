/**
 * Reads what message, signal and link events wait for or throw: the name of the referenced
 * `bpmn:message`/`bpmn:signal` (which may contain `${…}`, as in Camunda 7) and link names.
 * Problems are reported with the element id.
 */
import type { ModelProblem } from '../errors';
import type { ModdleElement } from '../parser/parse-bpmn';
import type { Compile } from './job-specs';
import type { ConditionalSpec, EventSpec } from './executable-model';

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

/** The message or signal an element catches or throws (receive tasks: their messageRef); null for others. */
export function eventSpec(el: ModdleElement, id: string, compile: Compile, problems: ModelProblem[]): EventSpec | null {
  const definition = list(el.eventDefinitions)[0];
  const isReceiveTask = el.$type === 'bpmn:ReceiveTask';
  const type = isReceiveTask || definition?.$type === 'bpmn:MessageEventDefinition' ? 'message'
    : definition?.$type === 'bpmn:SignalEventDefinition' ? 'signal' : null;
  if (!type) return null;
  const ref = (isReceiveTask ? el.messageRef : type === 'message' ? definition!.messageRef : definition!.signalRef) as ModdleElement | undefined;
  const name = str(ref?.name);
  // Message throw events and send-like elements are worked by external tasks; they need no name.
  const throwsMessage = type === 'message' && (el.$type === 'bpmn:IntermediateThrowEvent' || el.$type === 'bpmn:EndEvent');
  // A receive task without a message waits to be signalled (POST /execution/{id}/signal), as in Camunda 7.
  if (isReceiveTask && !ref) return null;
  if (!name) {
    if (!throwsMessage) problems.push({ elementId: id, reason: `needs a ${type}Ref to a bpmn:${type} with a name` });
    return null;
  }
  const compiled = compile(name, id, `${type} name`);
  return compiled ? { type, name: compiled } : null;
}

/** The link name of a link throw or catch event, or null. */
export function linkName(el: ModdleElement, id: string, problems: ModelProblem[]): string | null {
  const definition = list(el.eventDefinitions)[0];
  if (definition?.$type !== 'bpmn:LinkEventDefinition') return null;
  const name = str(definition.name);
  if (!name) problems.push({ elementId: id, reason: 'a link event needs a name' });
  return name;
}

/** The condition and filters of a conditional event, or null. */
export function conditionalSpec(el: ModdleElement, id: string, compile: Compile, problems: ModelProblem[]): ConditionalSpec | null {
  const definition = list(el.eventDefinitions)[0];
  if (definition?.$type !== 'bpmn:ConditionalEventDefinition') return null;
  const source = str((definition.condition as ModdleElement | undefined)?.body);
  if (!source) {
    problems.push({ elementId: id, reason: 'a conditional event needs a condition expression' });
    return null;
  }
  const condition = compile(source, id, 'condition');
  const events = str(definition.variableEvents)?.split(',').map((e) => e.trim()).filter((e) => e.length > 0) ?? null;
  const unknown = (events ?? []).filter((e) => !['create', 'update', 'delete'].includes(e));
  if (unknown.length > 0) problems.push({ elementId: id, reason: `camunda:variableEvents may only list create, update and delete (found ${unknown.join(', ')})` });
  return condition ? { condition, variableName: str(definition.variableName), variableEvents: events } : null;
}
