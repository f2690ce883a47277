/**
 * Compensation in the executable model: reads compensation throw events (`activityRef`,
 * `waitForCompletion`), links each compensation boundary event to its handler (the activity with
 * `isForCompensation="true"` it is associated with) and checks the rules Camunda 7 enforces,
 * plus what Baton does not run yet, as problems naming the element.
 */
import type { ModelProblem } from '../errors';
import type { ModdleElement } from '../parser/parse-bpmn';
import type { CompensationSpec, ElementKind, ExecutableProcess, FlowNode } from './executable-model';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An association of the model (source → target ids). */
export interface AssociationLink {
  readonly sourceId: string;
  readonly targetId: string;
}

function refId(value: unknown): string | null {
  const id = (value as ModdleElement | undefined)?.id;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/** The compensation spec of a compensation event (the boundary's handler is linked later), else null. */
export function compensationSpec(el: ModdleElement, kind: ElementKind, id: string, problems: ModelProblem[]): CompensationSpec | null {
  if (kind === 'compensationBoundaryEvent') return { handlerId: null, activityRef: null };
  if (kind !== 'compensationIntermediateThrowEvent' && kind !== 'compensationEndEvent') return null;
  const def = (el.eventDefinitions as ModdleElement[])[0]!;
  // Camunda 7 does not support it either: the throw event always waits for the handlers.
  if (def.waitForCompletion === false) problems.push({ elementId: id, reason: 'waitForCompletion="false" is not supported: compensation always completes before the event is left' });
  return { handlerId: null, activityRef: refId(def.activityRef) };
}

/** Links boundary events to handlers and checks handlers, throw events and sub-processes. */
export function linkCompensation(model: ExecutableProcess, associations: readonly AssociationLink[], handlerIds: ReadonlySet<string>, problems: ModelProblem[]): void {
  const add = (elementId: string, reason: string) => problems.push({ elementId, reason });
  const linked = new Set<string>();
  for (const node of model.elements.values()) {
    if (node.kind === 'compensationBoundaryEvent') {
      const targets = associations.filter((a) => a.sourceId === node.id).map((a) => a.targetId).filter((t) => handlerIds.has(t));
      const handler = targets.length === 1 ? model.elements.get(targets[0]!) : undefined;
      if (!handler || handler.scopeId !== node.scopeId) {
        add(node.id, 'a compensation boundary event needs exactly one association to an activity with isForCompensation="true" in its scope');
        continue;
      }
      (node.compensation as Mutable<CompensationSpec>).handlerId = handler.id;
      linked.add(handler.id);
      checkHostSubProcess(model, node, add);
    }
    if (node.compensation?.activityRef) checkActivityRef(model, node, node.compensation.activityRef, add);
    if (node.kind === 'compensationStartEvent') checkCompensationEventSubProcess(model, node, add);
  }
  for (const id of handlerIds) {
    const handler = model.elements.get(id);
    if (!handler) continue;
    if (!linked.has(id)) add(id, 'a compensation handler (isForCompensation="true") must be associated with a compensation boundary event');
    if (handler.incoming.length > 0 || handler.outgoing.length > 0) add(id, 'a compensation handler has no incoming or outgoing sequence flows');
    if (handler.boundaryEventIds.length > 0) add(id, 'boundary events on a compensation handler are not supported');
  }
}

/** As in Camunda 7: only in an embedded sub-process, one per sub-process, not beside a compensation boundary event on it. */
function checkCompensationEventSubProcess(model: ExecutableProcess, start: FlowNode, add: (id: string, reason: string) => void): void {
  const esp = model.elements.get(start.scopeId);
  const host = model.elements.get(esp?.scopeId ?? '');
  if (!esp || !host || (host.kind !== 'subProcess' && host.kind !== 'transaction')) {
    add(start.id, 'a compensation event sub-process is only supported inside an embedded sub-process');
    return;
  }
  const siblings = model.scopes.get(host.id)!.eventSubProcessIds.filter((id) => model.elements.get(model.scopes.get(id)!.startEventId)?.kind === 'compensationStartEvent');
  if (siblings[0] !== esp.id) add(start.id, `sub-process '${host.id}' has more than one compensation event sub-process`);
  if (host.boundaryEventIds.some((id) => model.elements.get(id)?.kind === 'compensationBoundaryEvent')) {
    add(start.id, `sub-process '${host.id}' has both a compensation event sub-process and a compensation boundary event`);
  }
}

/** `activityRef` names an activity of the throw event's scope (or, inside an event sub-process, of the scope around it). */
function checkActivityRef(model: ExecutableProcess, node: FlowNode, ref: string, add: (id: string, reason: string) => void): void {
  const target = model.elements.get(ref);
  const scopes = [node.scopeId];
  for (let s = model.elements.get(node.scopeId); s?.kind === 'eventSubProcess'; s = model.elements.get(s.scopeId)) scopes.push(s.scopeId);
  if (!target || target.kind.endsWith('Event') || target.kind.endsWith('Gateway') || !scopes.includes(target.scopeId)) {
    add(node.id, `activityRef '${ref}' must name an activity in the scope of the compensation event`);
  }
}

/** Which of a sub-process's own handler and its inner handlers runs first is unclear in Camunda 7: rejected. */
function checkHostSubProcess(model: ExecutableProcess, boundary: FlowNode, add: (id: string, reason: string) => void): void {
  const host = model.elements.get(boundary.attachedToId ?? '');
  if (host?.kind !== 'subProcess' && host?.kind !== 'transaction') return;
  const inner = [...model.elements.values()].some((n) => n.kind === 'compensationBoundaryEvent' && isInside(model, n, host.id));
  if (inner) add(boundary.id, 'a compensation boundary event on a sub-process that itself contains compensation boundary events is not supported');
}

function isInside(model: ExecutableProcess, node: FlowNode, scopeId: string): boolean {
  for (let s: string | undefined = node.scopeId; s && s !== model.key; s = model.elements.get(s)?.scopeId) if (s === scopeId) return true;
  return false;
}
