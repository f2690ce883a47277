/**
 * Reads error and escalation event definitions: the code an event throws or catches (through
 * `errorRef` → `bpmn:error errorCode`, `escalationRef` → `bpmn:escalation escalationCode`) and
 * the camunda: variables a catch sets. Rules follow Camunda 7's parser: a throwing event needs
 * a code; a catching one without a reference, or whose error/escalation has no code, catches
 * every code; error catches always interrupt.
 */
import type { ModelProblem } from '../errors';
import type { ModdleElement } from '../parser/parse-bpmn';
import type { Compile } from './job-specs';
import type { CodeEventSpec, ElementKind } from './executable-model';

const THROWING = new Set<string>(['errorEndEvent', 'escalationEndEvent', 'escalationIntermediateThrowEvent']);
const CATCHING = new Set<string>(['errorBoundaryEvent', 'errorStartEvent', 'escalationBoundaryEvent', 'escalationStartEvent']);

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

/** The error/escalation spec of an element of one of those kinds, else null. */
export function codeEventSpec(el: ModdleElement, kind: ElementKind, id: string, compile: Compile, problems: ModelProblem[]): CodeEventSpec | null {
  if (kind === 'cancelEndEvent' || kind === 'cancelBoundaryEvent') return { type: 'cancel', code: null, message: null, codeVariable: null, messageVariable: null };
  if (!THROWING.has(kind) && !CATCHING.has(kind)) return null;
  const def = (el.eventDefinitions as ModdleElement[])[0]!;
  const type = kind.startsWith('error') ? 'error' : 'escalation';
  const ref = (type === 'error' ? def.errorRef : def.escalationRef) as ModdleElement | undefined;
  const code = str(type === 'error' ? ref?.errorCode : ref?.escalationCode);
  const add = (reason: string) => problems.push({ elementId: id, reason });
  if (THROWING.has(kind) && !code) {
    add(ref ? `the referenced ${type} '${str(ref.id) ?? ''}' has no ${type}Code; a throwing ${type} event needs one` : `a throwing ${type} event needs an ${type}Ref`);
  }
  if (kind === 'errorStartEvent' && el.isInterrupting === false) add('an error start event is always interrupting (isInterrupting="false" is not allowed)');
  if (kind === 'errorBoundaryEvent' && el.cancelActivity === false) add('an error boundary event is always interrupting (cancelActivity="false" is not allowed)');
  const messageText = type === 'error' && THROWING.has(kind) ? str(ref?.errorMessage) : null;
  return {
    type,
    code,
    message: messageText ? compile(messageText, id, 'camunda:errorMessage') : null,
    codeVariable: str(type === 'error' ? def.errorCodeVariable : def.escalationCodeVariable),
    messageVariable: type === 'error' ? str(def.errorMessageVariable) : null,
  };
}
