/**
 * Propagation of BPMN errors and escalations: from the throwing token outward, scope instance
 * by scope instance, to the nearest catching boundary event or event sub-process, as Camunda 7
 * does (BpmnExceptionHandler / ErrorDeclarationForProcessInstanceFinder /
 * ThrowEscalationEventActivityBehavior).
 *
 * The walk visits "levels", innermost first:
 *   1. the throwing activity itself (an external service task's error boundary events);
 *   2. each scope instance the token lives in, outward to the process instance. At a scope
 *      instance of element S, the candidates are the event sub-processes of S (whose start
 *      event catches the event) and the boundary events attached to S (on S's host token).
 * At one level the candidate with the highest precedence wins, first in model order among
 * equals. Precedence is Camunda's: an event sub-process counts 10, a boundary event 0, plus 1
 * for a catch with a specific code. So an event sub-process inside S takes precedence over a
 * boundary event on S for the same error, and a specific code over a catch-all of the same kind.
 * An event sub-process never catches what is thrown inside itself (Camunda's re-throw rule).
 *
 * Hooks for later scope kinds (keep them in this walk, not beside it):
 *   - multi-instance bodies: when the body is a scope instance (a ScopeRecord whose elementId
 *     is the multi-instance activity and whose host token rests at it), its boundary events are
 *     found by step 2 unchanged; the inner instances must be scope instances whose parent is
 *     the body, so the walk passes through them to the body.
 *   - call activities: when `findCatch` returns null at the process instance and the instance
 *     has a super instance, ProcessExecution.uncaught (the one place that decides "uncaught")
 *     continues with `findCatch` in the parent instance from the call activity's token,
 *     treating it as the throwing activity (level 1), and applies the catch there.
 */
import type { ThrownEvent } from '../behaviors/context';
import { requireElement, type ExecutableProcess, type FlowNode } from '../model/executable-model';
import type { InstanceRecord, TokenRecord } from '../persistence/records';

/** Where a thrown event is caught. */
export type EventCatch =
  | { readonly via: 'boundary'; readonly catcher: FlowNode; readonly host: TokenRecord }
  | { readonly via: 'eventSubProcess'; readonly catcher: FlowNode; readonly scopeInstanceId: string };

/** What applying a catch needs from the runtime (ProcessExecution implements it). */
export interface CatchTarget {
  /** Removes the token without completing it (its child scope, tasks and jobs go with it). */
  cancelActivity(token: TokenRecord): void;
  /** Starts a token at the boundary event in a scope instance. */
  startTokenAt(elementId: string, scopeInstanceId: string): TokenRecord;
  /** Starts the event sub-process of `start` in the scope instance (interrupting ones end the rest first). */
  startEventSubProcessNow(start: FlowNode, scopeInstanceId: string): void;
  /** Sets variables with Camunda's propagation rule. */
  setVariables(scopeInstanceId: string, values: Record<string, string | null>): void;
}

/** The nearest catch of `event` thrown by `thrower`, or null when nothing catches it. */
export function findCatch(model: ExecutableProcess, instance: InstanceRecord, thrower: TokenRecord, event: ThrownEvent): EventCatch | null {
  const own = bestOf(boundaryCandidates(model, requireElement(model, thrower.elementId), thrower, event));
  if (own) return own;
  const passed = new Set<string>();
  let scopeInstanceId: string | null = thrower.scopeInstanceId;
  while (scopeInstanceId !== null) {
    const scope = instance.scopes.find((s) => s.id === scopeInstanceId);
    const elementId = scope ? scope.elementId : model.key;
    const candidates = eventSubProcessCandidates(model, elementId, scopeInstanceId, passed, event);
    const host = scope ? instance.tokens.find((t) => t.id === scope.hostTokenId) : undefined;
    if (host) candidates.push(...boundaryCandidates(model, requireElement(model, elementId), host, event));
    const found = bestOf(candidates);
    if (found || !scope) return found;
    passed.add(elementId);
    scopeInstanceId = scope.parentScopeInstanceId;
  }
  return null;
}

/** Applies a catch: interrupts what it must, sets the code/message variables, starts the handler. */
export function applyCatch(target: CatchTarget, caught: EventCatch, event: ThrownEvent): void {
  const spec = caught.catcher.codeEvent!;
  const values: Record<string, string | null> = {};
  if (spec.codeVariable) values[spec.codeVariable] = event.code;
  if (spec.messageVariable) values[spec.messageVariable] = event.message;
  if (caught.via === 'boundary') {
    if (caught.catcher.cancelActivity) target.cancelActivity(caught.host);
    target.setVariables(caught.host.scopeInstanceId, values);
    target.startTokenAt(caught.catcher.id, caught.host.scopeInstanceId);
    return;
  }
  target.startEventSubProcessNow(caught.catcher, caught.scopeInstanceId);
  target.setVariables(caught.scopeInstanceId, values);
}

interface Candidate {
  readonly result: EventCatch;
  readonly precedence: number;
}

function catches(node: FlowNode, event: ThrownEvent): boolean {
  const spec = node.codeEvent;
  return spec !== null && spec.type === event.type && (spec.code === null || spec.code === event.code);
}

function boundaryCandidates(model: ExecutableProcess, activity: FlowNode, host: TokenRecord, event: ThrownEvent): Candidate[] {
  return activity.boundaryEventIds
    .map((id) => requireElement(model, id))
    .filter((b) => catches(b, event))
    .map((catcher) => ({ result: { via: 'boundary', catcher, host }, precedence: catcher.codeEvent!.code === null ? 0 : 1 }));
}

function eventSubProcessCandidates(model: ExecutableProcess, scopeElementId: string, scopeInstanceId: string, passed: ReadonlySet<string>, event: ThrownEvent): Candidate[] {
  const out: Candidate[] = [];
  for (const espId of model.scopes.get(scopeElementId)?.eventSubProcessIds ?? []) {
    if (passed.has(espId)) continue; // thrown inside this event sub-process: it re-throws outward
    const start = requireElement(model, model.scopes.get(espId)!.startEventId);
    if (!catches(start, event)) continue;
    out.push({ result: { via: 'eventSubProcess', catcher: start, scopeInstanceId }, precedence: 10 + (start.codeEvent!.code === null ? 0 : 1) });
  }
  return out;
}

function bestOf(candidates: readonly Candidate[]): EventCatch | null {
  let best: Candidate | null = null;
  for (const c of candidates) if (!best || c.precedence > best.precedence) best = c;
  return best?.result ?? null;
}
