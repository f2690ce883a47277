/**
 * Moddle tree → executable model, collecting every problem (element id + reason) instead of
 * stopping at the first, so that a deploy error lists all of them at once.
 */
import type { ModelProblem } from '../errors';
import { compileExpression, type CompiledExpression } from '../expression';
import { ExpressionError } from '../errors';
import type { ModdleElement } from '../parser/parse-bpmn';
import type { ElementKind, ExecutableProcess, FlowNode, FormRefSpec, FormSpec, ScopeModel, SequenceFlow, UserTaskSpec } from './executable-model';
import { computeInclusiveJoinSources } from './reachability';
import { kindOf, SUPPORTED_KINDS } from './element-kind';
import { extensions, externalTaskSpec, jobSpec, timerSpec } from './job-specs';
import { conditionalSpec, eventSpec, linkName } from './event-specs';
import { validateEvents } from './validate-events';
import { validateProcess } from './validate-process';
import { addLoopBodies, loopSpec, type ParsedLoop } from './loop-spec';
import { delegateSpec, executionListeners, taskListeners } from './delegation-specs';
import { ioMappingSpec } from './io-mapping';
import { CALL_ACTIVITY_EXTENSIONS, callActivitySpec } from './call-activity-spec';
import { codeEventSpec } from './code-event-spec';
import { compensationSpec, linkCompensation, type AssociationLink } from './compensation-links';
import { checkTransactions } from './transaction-checks';

/** Result of building: the executable processes, and the problems found (empty = deployable). */
export interface BuildResult {
  readonly processes: readonly ExecutableProcess[];
  readonly problems: readonly ModelProblem[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Builds every `bpmn:process` of a definitions element. */
export function buildModel(definitions: ModdleElement): BuildResult {
  const problems: ModelProblem[] = [];
  const processes: ExecutableProcess[] = [];
  for (const root of list(definitions.rootElements)) {
    if (root.$type !== 'bpmn:Process') continue;
    processes.push(buildProcess(root, problems));
  }
  return { processes, problems };
}

function buildProcess(proc: ModdleElement, problems: ModelProblem[]): ExecutableProcess {
  const key = str(proc.id) ?? '';
  const builder = new ProcessBuilder(key, str(proc.jobPriority), str(proc.taskPriority));
  builder.addScope(proc, key);
  builder.linkBoundaryEvents();
  addLoopBodies(builder.elements, builder.flows, builder.loops);
  const model: ExecutableProcess = {
    key,
    name: str(proc.name),
    versionTag: str(proc.versionTag),
    isExecutable: proc.isExecutable === true,
    startableInTasklist: proc.isStartableInTasklist !== false,
    candidateStarterUsers: candidateStarters(proc, key, 'candidateStarterUsers', problems),
    candidateStarterGroups: candidateStarters(proc, key, 'candidateStarterGroups', problems),
    elements: builder.elements,
    flows: builder.flows,
    scopes: builder.scopes,
    inclusiveJoinSources: new Map(),
    listeners: builder.processListeners(proc),
  };
  linkCompensation(model, builder.associations, builder.compensationHandlerIds, builder.problems);
  checkTransactions(model, builder.problems);
  const withJoins = { ...model, inclusiveJoinSources: computeInclusiveJoinSources(model) };
  // Non-executable processes are stored but never run (as Camunda does), so only executable
  // ones must pass the execution checks.
  if (model.isExecutable) problems.push(...builder.problems, ...validateProcess(withJoins), ...validateEvents(withJoins));
  return withJoins;
}

/** Element kinds this engine version executes (for docs and the coverage table). */
export const supportedElementKinds: readonly string[] = [...SUPPORTED_KINDS];

/** Elements that carry no execution semantics and are accepted anywhere. */
const PASSIVE_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

class ProcessBuilder {
  readonly elements = new Map<string, FlowNode>();
  readonly flows = new Map<string, SequenceFlow>();
  readonly scopes = new Map<string, ScopeModel>();
  readonly problems: ModelProblem[] = [];
  /** Looped activities (split into body + inner activity after all elements are read). */
  readonly loops = new Map<string, ParsedLoop>();
  readonly associations: AssociationLink[] = [];
  /** Activities with isForCompensation="true". */
  readonly compensationHandlerIds = new Set<string>();

  constructor(
    private readonly processId: string,
    private readonly jobPriority: string | null,
    private readonly taskPriority: string | null,
  ) {}

  addScope(container: ModdleElement, scopeId: string): void {
    const items = list(container.flowElements);
    const elementIds: string[] = [];
    const starts: string[] = [];
    const timerStarts: string[] = [];
    const eventStarts: string[] = [];
    const conditionalStarts: string[] = [];
    const codeStarts: string[] = [];
    for (const item of items) {
      if (item.$type === 'bpmn:SequenceFlow') this.addFlow(item);
    }
    for (const a of list(container.artifacts)) {
      if (a.$type === 'bpmn:Association') this.associations.push({ sourceId: str((a.sourceRef as ModdleElement | undefined)?.id) ?? '', targetId: str((a.targetRef as ModdleElement | undefined)?.id) ?? '' });
    }
    for (const item of items) {
      if (item.$type === 'bpmn:SequenceFlow' || PASSIVE_TYPES.has(item.$type)) continue;
      const node = this.addNode(item, scopeId);
      if (!node) continue;
      elementIds.push(node.id);
      if (node.kind === 'noneStartEvent') starts.push(node.id);
      if (node.kind === 'timerStartEvent') timerStarts.push(node.id);
      if (node.kind === 'messageStartEvent' || node.kind === 'signalStartEvent') eventStarts.push(node.id);
      if (node.kind === 'conditionalStartEvent') conditionalStarts.push(node.id);
      if (node.kind === 'errorStartEvent' || node.kind === 'escalationStartEvent' || node.kind === 'compensationStartEvent') codeStarts.push(node.id);
      if (node.kind === 'subProcess' || node.kind === 'eventSubProcess' || node.kind === 'transaction') this.addScope(item, node.id);
    }
    const eventSubProcessIds = elementIds.filter((id) => this.elements.get(id)?.kind === 'eventSubProcess');
    if (this.elements.get(scopeId)?.kind === 'eventSubProcess') {
      // Error, escalation and compensation starts are found when thrown, never armed or subscribed.
      const triggers = [...timerStarts, ...eventStarts, ...conditionalStarts, ...codeStarts];
      if (triggers.length !== 1 || starts.length > 0) {
        this.problems.push({ elementId: scopeId, reason: 'an event sub-process needs exactly one start event with a trigger (timer, message, signal, conditional, error, escalation or compensation)' });
      }
      this.scopes.set(scopeId, { id: scopeId, startEventId: triggers[0] ?? '', timerStartEventIds: [], eventStartEventIds: [], eventSubProcessIds, elementIds });
      return;
    }
    for (const id of codeStarts) this.problems.push({ elementId: id, reason: 'error, escalation and compensation start events are only allowed in event sub-processes' });
    if (scopeId !== this.processId) {
      for (const id of [...timerStarts, ...eventStarts]) {
        this.problems.push({ elementId: id, reason: 'timer, message and signal start events are only supported on the process level and in event sub-processes' });
      }
    }
    // Camunda starts process-level conditional start events only through its /condition API, which Baton does not have.
    for (const id of conditionalStarts) this.problems.push({ elementId: id, reason: 'conditional start events are only supported in event sub-processes' });
    const triggeredOnly = scopeId === this.processId && starts.length === 0 && timerStarts.length + eventStarts.length > 0;
    if (starts.length !== 1 && !triggeredOnly) {
      this.problems.push({
        elementId: scopeId,
        reason: starts.length === 0 ? 'has no none start event' : `has ${starts.length} none start events; exactly one is supported`,
      });
    }
    this.scopes.set(scopeId, { id: scopeId, startEventId: starts[0] ?? '', timerStartEventIds: timerStarts, eventStartEventIds: eventStarts, eventSubProcessIds, elementIds });
  }

  /** Records on each activity the boundary events attached to it (checked to be in the same scope). */
  linkBoundaryEvents(): void {
    for (const node of this.elements.values()) {
      if (!node.attachedToId) continue;
      const host = this.elements.get(node.attachedToId) as Mutable<FlowNode> | undefined;
      if (!host || host.scopeId !== node.scopeId || host.kind.endsWith('Event') || host.kind.endsWith('Gateway')) {
        this.problems.push({ elementId: node.id, reason: `boundary event must be attached to an activity of its scope (attachedToRef '${node.attachedToId}')` });
        continue;
      }
      // As in Camunda 7: escalations are thrown only by events, so only a scope can catch them on its boundary.
      if (node.kind === 'escalationBoundaryEvent' && !['subProcess', 'transaction', 'callActivity'].includes(host.kind)) {
        this.problems.push({ elementId: node.id, reason: 'an escalation boundary event can only be attached to an embedded sub-process (or a call activity)' });
      }
      host.boundaryEventIds = [...host.boundaryEventIds, node.id];
    }
  }

  private addNode(el: ModdleElement, scopeId: string): FlowNode | null {
    const id = str(el.id);
    if (!id) {
      this.problems.push({ elementId: null, reason: `${el.$type} without id` });
      return null;
    }
    const kind = kindOf(el);
    if (!SUPPORTED_KINDS.has(kind)) {
      this.problems.push({ elementId: id, reason: kind === el.$type ? `unsupported element type ${kind}` : `unsupported element: ${kind} (${el.$type})` });
      return null;
    }
    const loop = loopSpec(el, id, kind, this.jobPriority, (src, elId, what) => this.expression(src, elId, what), this.problems);
    if (loop) this.loops.set(id, loop);
    this.checkUnsupportedCamundaAttributes(el, id);
    const compile = (source: string, elementId: string, what: string) => this.expression(source, elementId, what);
    const node: Mutable<FlowNode> = {
      id,
      name: str(el.name),
      kind: kind as ElementKind,
      bpmnType: el.$type,
      scopeId,
      // Derived from the flows, not from <incoming>/<outgoing> children, which are optional in XML.
      incoming: this.flowIds((f) => f.targetId === id),
      outgoing: this.flowIds((f) => f.sourceId === id),
      defaultFlowId: el.default ? str((el.default as ModdleElement).id) : null,
      userTask: kind === 'userTask' ? this.userTaskSpec(el, id) : null,
      form: kind === 'userTask' || kind === 'noneStartEvent' ? formSpec(el) : null,
      initiator: kind === 'noneStartEvent' ? str(el.initiator) : null,
      extensionProperties: extensionProperties(el),
      jobs: jobSpec(el, id, this.jobPriority, compile),
      timer: timerSpec(el, id, compile, this.problems),
      externalTask: externalTaskSpec(el, kind as ElementKind, id, this.taskPriority, compile, this.problems),
      event: eventSpec(el, id, compile, this.problems),
      link: linkName(el, id, this.problems),
      conditional: conditionalSpec(el, id, compile, this.problems),
      attachedToId: el.$type === 'bpmn:BoundaryEvent' ? str((el.attachedToRef as ModdleElement | undefined)?.id) ?? '' : null,
      cancelActivity: el.$type === 'bpmn:StartEvent' ? el.isInterrupting !== false : el.cancelActivity !== false,
      boundaryEventIds: [],
      delegate: delegateSpec(el, kind, id, compile, this.problems),
      ioMapping: ioMappingSpec(el, kind, id, compile, this.problems),
      listeners: executionListeners(el, id, 'node', compile, this.problems),
      taskListeners: kind === 'userTask' ? taskListeners(el, id, compile, this.problems) : [],
      callActivity: kind === 'callActivity' ? callActivitySpec(el, id, compile, this.problems) : null,
      codeEvent: codeEventSpec(el, kind as ElementKind, id, compile, this.problems),
      compensation: compensationSpec(el, kind as ElementKind, id, this.problems),
    };
    if (el.isForCompensation === true) this.compensationHandlerIds.add(id);
    this.elements.set(id, node);
    return node;
  }

  private flowIds(match: (f: SequenceFlow) => boolean): string[] {
    return [...this.flows.values()].filter(match).map((f) => f.id);
  }

  private addFlow(el: ModdleElement): void {
    const id = str(el.id) ?? '';
    const source = el.sourceRef as ModdleElement | undefined;
    const target = el.targetRef as ModdleElement | undefined;
    const cond = el.conditionExpression as ModdleElement | undefined;
    this.flows.set(id, {
      id,
      name: str(el.name),
      sourceId: str(source?.id) ?? '',
      targetId: str(target?.id) ?? '',
      condition: cond ? this.expression(str(cond.body) ?? '', id, 'condition') : null,
      listeners: executionListeners(el, id, 'flow', (src, eid, what) => this.expression(src, eid, what), this.problems),
    });
    this.checkFlowExtensions(el, id);
  }

  /** Process-level execution listeners; other camunda: extensions of the process are rejected. */
  processListeners(proc: ModdleElement): FlowNode['listeners'] {
    const id = str(proc.id) ?? '';
    for (const v of extensions(proc)) {
      if (v.$type.startsWith('camunda:') && v.$type !== 'camunda:ExecutionListener' && v.$type !== 'camunda:Properties') {
        this.problems.push({ elementId: id, reason: `${v.$type} is not supported yet` });
      }
    }
    return executionListeners(proc, id, 'process', (src, eid, what) => this.expression(src, eid, what), this.problems);
  }

  /** Sequence flows carry only take listeners (and properties). */
  private checkFlowExtensions(el: ModdleElement, id: string): void {
    for (const v of extensions(el)) {
      if (v.$type.startsWith('camunda:') && v.$type !== 'camunda:ExecutionListener' && v.$type !== 'camunda:Properties') {
        this.problems.push({ elementId: id, reason: `${v.$type} is not supported yet` });
      }
    }
  }

  private userTaskSpec(el: ModdleElement, id: string): UserTaskSpec {
    const x = (attr: string, value: unknown) => (str(value) ? this.expression(str(value)!, id, attr) : null);
    return {
      name: x('name', el.name),
      description: x('documentation', list(el.documentation)[0]?.text),
      assignee: x('camunda:assignee', el.assignee),
      candidateUsers: x('camunda:candidateUsers', el.candidateUsers),
      candidateGroups: x('camunda:candidateGroups', el.candidateGroups),
      dueDate: x('camunda:dueDate', el.dueDate),
      followUpDate: x('camunda:followUpDate', el.followUpDate),
      priority: x('camunda:priority', el.priority),
      formKey: x('camunda:formKey', el.formKey),
    };
  }

  /** Camunda attributes whose semantics arrive with later features must not be ignored silently. */
  private checkUnsupportedCamundaAttributes(el: ModdleElement, id: string): void {
    const unsupported: string[] = [];
    const known = new Set(['camunda:Properties', 'camunda:FormData', 'camunda:FailedJobRetryTimeCycle']);
    // Read by model/delegation-specs.ts and model/io-mapping.ts, which report their own problems.
    for (const t of ['camunda:ExecutionListener', 'camunda:TaskListener', 'camunda:InputOutput']) known.add(t);
    // Other vendors' extensions (signavio:, zeebe:, …) carry no Camunda 7 semantics: ignored, as
    // Camunda 7 ignores them. Unsupported camunda: extensions must not be skipped silently.
    if (el.$type === 'bpmn:CallActivity') for (const t of CALL_ACTIVITY_EXTENSIONS) known.add(t);
    // Field injection belongs to a task's handler (delegation-specs.ts reads it).
    if (el.class || el.delegateExpression || el.expression) known.add('camunda:Field');
    for (const v of extensions(el)) if (v.$type.startsWith('camunda:') && !known.has(v.$type)) unsupported.push(v.$type);
    for (const a of unsupported) this.problems.push({ elementId: id, reason: `${a} is not supported yet` });
  }

  private expression(source: string, elementId: string, what: string): CompiledExpression | null {
    try {
      return compileExpression(source.trim());
    } catch (err) {
      const message = err instanceof ExpressionError ? err.message : String(err);
      this.problems.push({ elementId, reason: `invalid ${what} expression: ${message}` });
      return null;
    }
  }
}

/** Reads formKey, formRef and camunda:formData fields; null when the element declares no form. */
function formSpec(el: ModdleElement): FormSpec | null {
  const formKey = str(el.formKey);
  const refKey = str(el.formRef);
  const binding = str(el.formRefBinding) ?? 'latest';
  const formRef = refKey ? { key: refKey, binding: binding as FormRefSpec['binding'], version: str(el.formRefVersion) } : null;
  const formData = list((el.extensionElements as ModdleElement | undefined)?.values).find((v) => v.$type === 'camunda:FormData');
  const fields = list(formData?.fields).map((f) => ({
    id: str(f.id) ?? '',
    label: str(f.label),
    type: str(f.type) ?? 'string',
    defaultValue: str(f.defaultValue),
    constraints: list((f.validation as ModdleElement | undefined)?.constraints).map((c) => ({ name: str(c.name) ?? '', config: str(c.config) })),
    values: list(f.values).map((v) => ({ id: str(v.id) ?? '', name: str(v.name) })),
  }));
  if (!formKey && !formRef && fields.length === 0) return null;
  return { formKey, formRef, fields };
}

/** The element's `camunda:properties` as name → value (later names win, as in Camunda 7). */
function extensionProperties(el: ModdleElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const props of extensions(el).filter((v) => v.$type === 'camunda:Properties')) {
    for (const p of list(props.values)) if (str(p.name)) out[str(p.name)!] = typeof p.value === 'string' ? p.value : '';
  }
  return out;
}

/**
 * A comma-separated list of user or group ids. Why expressions are refused: Camunda 7 evaluates
 * them once at deploy time, without variables; a literal list says the same without surprises.
 */
function candidateStarters(proc: ModdleElement, key: string, attr: 'candidateStarterUsers' | 'candidateStarterGroups', problems: ModelProblem[]): string[] {
  const text = str(proc[attr]);
  if (!text) return [];
  if (/[$#]\{/.test(text)) {
    problems.push({ elementId: key, reason: `camunda:${attr} must list ids; expressions are not supported ('${text}')` });
    return [];
  }
  return text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The moddle collections as arrays of elements. */
export function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
