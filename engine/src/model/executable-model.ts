/**
 * The executable model: what the runtime and the behaviors see of a BPMN process.
 * Built once per definition version from the moddle tree (see build-model.ts), validated,
 * plain and read-only. Behaviors never see XML.
 */
import type { CompiledExpression } from '../expression';
import type { LoopSpec } from './loop-spec';
import type { DelegateSpec, ExecutionListenerEvent, IoMappingSpec, ListenerSpec, TaskListenerEvent } from './delegation-model';
import type { CallActivitySpec } from './call-activity-spec';

/** Element kinds the engine can execute; each has exactly one behavior in behaviors/. */
export type ElementKind =
  | 'noneStartEvent'
  | 'noneEndEvent'
  | 'terminateEndEvent'
  | 'noneIntermediateThrowEvent'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'userTask'
  | 'manualTask'
  | 'task'
  | 'subProcess'
  | 'timerStartEvent'
  | 'timerIntermediateCatchEvent'
  | 'timerBoundaryEvent'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'messageIntermediateThrowEvent'
  | 'messageEndEvent'
  | 'eventSubProcess'
  | 'messageStartEvent'
  | 'signalStartEvent'
  | 'messageIntermediateCatchEvent'
  | 'signalIntermediateCatchEvent'
  | 'receiveTask'
  | 'messageBoundaryEvent'
  | 'signalBoundaryEvent'
  | 'signalIntermediateThrowEvent'
  | 'signalEndEvent'
  | 'eventBasedGateway'
  | 'linkIntermediateThrowEvent'
  | 'linkIntermediateCatchEvent'
  | 'conditionalIntermediateCatchEvent'
  | 'conditionalBoundaryEvent'
  | 'conditionalStartEvent'
  | 'multiInstanceBody'
  | 'standardLoopBody'
  | 'callActivity'
  | 'errorEndEvent'
  | 'errorBoundaryEvent'
  | 'errorStartEvent'
  | 'escalationEndEvent'
  | 'escalationIntermediateThrowEvent'
  | 'escalationBoundaryEvent'
  | 'escalationStartEvent'
  | 'compensationBoundaryEvent'
  | 'compensationIntermediateThrowEvent'
  | 'compensationEndEvent'
  | 'compensationStartEvent'
  | 'transaction'
  | 'cancelEndEvent'
  | 'cancelBoundaryEvent';

/** A timer event's definition: which kind, and its (possibly `${…}`) text. */
export interface TimerSpec {
  readonly kind: 'date' | 'duration' | 'cycle';
  readonly definition: CompiledExpression;
}

/** `camunda:type="external"`: the topic and priority of the external task, as expressions. */
export interface ExternalTaskSpec {
  readonly topic: CompiledExpression;
  readonly priority: CompiledExpression | null;
}

/** The message or signal an element waits for or throws; the name may contain `${…}`. */
export interface EventSpec {
  readonly type: 'message' | 'signal';
  readonly name: CompiledExpression;
}

/** A conditional event: its condition and the `camunda:variableName`/`variableEvents` filters. */
export interface ConditionalSpec {
  readonly condition: CompiledExpression;
  readonly variableName: string | null;
  /** create, update, delete; null: any. */
  readonly variableEvents: readonly string[] | null;
}

/**
 * Error and escalation events: the code they throw, or catch (null on a catch: every code), and
 * the camunda: variables a catch sets (errorCodeVariable/escalationCodeVariable, errorMessageVariable).
 */
export interface CodeEventSpec {
  /** 'cancel': cancel end and boundary events of transactions (no code). */
  readonly type: 'error' | 'escalation' | 'cancel';
  readonly code: string | null;
  /** Throwing error events: `camunda:errorMessage` of the referenced `bpmn:error`. */
  readonly message: CompiledExpression | null;
  readonly codeVariable: string | null;
  readonly messageVariable: string | null;
}

/** Compensation events: a boundary event's handler, or what a throw event compensates. */
export interface CompensationSpec {
  /** Compensation boundary events: the associated activity with isForCompensation="true". */
  readonly handlerId: string | null;
  /** Compensation throw events: `activityRef`, or null for every completed activity of the scope. */
  readonly activityRef: string | null;
}

/** Job settings of an element (camunda:asyncBefore/After, exclusive, jobPriority, retry cycle). */
export interface JobSpec {
  readonly asyncBefore: boolean;
  readonly asyncAfter: boolean;
  readonly exclusive: boolean;
  readonly priority: CompiledExpression | null;
  /** camunda:failedJobRetryTimeCycle, e.g. R5/PT5M or PT10M,PT17M. */
  readonly retryCycle: CompiledExpression | null;
}

/** A generated-form field from `camunda:formData` (string, long, boolean, date, enum, …). */
export interface FormFieldSpec {
  readonly id: string;
  readonly label: string | null;
  readonly type: string;
  readonly defaultValue: string | null;
  /** `camunda:constraint`s: required, readonly, minlength, maxlength, min, max, pattern. */
  readonly constraints: ReadonlyArray<{ readonly name: string; readonly config: string | null }>;
  /** Enum values (id → label). */
  readonly values: ReadonlyArray<{ readonly id: string; readonly name: string | null }>;
}

/** `camunda:formRef` binding of a Camunda Form (a `.form` resource). */
export interface FormRefSpec {
  readonly key: string;
  readonly binding: 'latest' | 'deployment' | 'version';
  readonly version: string | null;
}

/** The form of a user task or start event: key, Camunda Form reference and/or generated fields. */
export interface FormSpec {
  readonly formKey: string | null;
  readonly formRef: FormRefSpec | null;
  readonly fields: readonly FormFieldSpec[];
}

/** User task attributes (from camunda: extensions); every field may contain expressions. */
export interface UserTaskSpec {
  readonly name: CompiledExpression | null;
  readonly description: CompiledExpression | null;
  readonly assignee: CompiledExpression | null;
  readonly candidateUsers: CompiledExpression | null;
  readonly candidateGroups: CompiledExpression | null;
  readonly dueDate: CompiledExpression | null;
  readonly followUpDate: CompiledExpression | null;
  readonly priority: CompiledExpression | null;
  readonly formKey: CompiledExpression | null;
}

/** A flow node (activity, event, gateway) of the executable model. */
export interface FlowNode {
  readonly id: string;
  readonly name: string | null;
  readonly kind: ElementKind;
  /** The BPMN type as written, e.g. `bpmn:UserTask` (for APIs and history). */
  readonly bpmnType: string;
  /** Id of the enclosing scope element: the process id or a sub-process id. */
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  /** Gateways and activities: the default flow's id. */
  readonly defaultFlowId: string | null;
  readonly userTask: UserTaskSpec | null;
  /** User tasks and none start events: their form, when one is declared. */
  readonly form: FormSpec | null;
  /** None start events: `camunda:initiator`, the variable that receives the starting user's id. */
  readonly initiator?: string | null;
  /** `camunda:properties` (name → value): handed to external task workers that ask for them. */
  readonly extensionProperties?: Readonly<Record<string, string>>;
  readonly jobs: JobSpec;
  readonly timer: TimerSpec | null;
  readonly externalTask: ExternalTaskSpec | null;
  /** Message and signal events and receive tasks: what they wait for or throw. */
  readonly event: EventSpec | null;
  /** Conditional events: what they wait for. */
  readonly conditional: ConditionalSpec | null;
  /** Link throw and catch events: the link name. */
  readonly link: string | null;
  /** Boundary events: the activity they are attached to. */
  readonly attachedToId: string | null;
  /** Boundary events (cancelActivity) and event sub-process start events (isInterrupting): whether they interrupt. */
  readonly cancelActivity: boolean;
  /** Activities: the boundary events attached to them. */
  readonly boundaryEventIds: readonly string[];
  /** Multi-instance and standard loop bodies (`<id>#multiInstanceBody`, `<id>#loopBody`): the loop (see loop-spec.ts). */
  readonly loop?: LoopSpec;
  /** Service/send/business rule tasks implemented by a registered handler or an expression. */
  readonly delegate?: DelegateSpec | null;
  /** `camunda:inputOutput`. */
  readonly ioMapping?: IoMappingSpec | null;
  /** `camunda:executionListener`s (start/end). */
  readonly listeners?: readonly ListenerSpec<ExecutionListenerEvent>[];
  /** User tasks: `camunda:taskListener`s. */
  readonly taskListeners?: readonly ListenerSpec<TaskListenerEvent>[];
  /** Call activities: the called process and the variable mappings. */
  readonly callActivity?: CallActivitySpec | null;
  /** Error and escalation events: what they throw or catch. */
  readonly codeEvent: CodeEventSpec | null;
  /** Compensation boundary and throw events. */
  readonly compensation: CompensationSpec | null;
}

/** A sequence flow, with its compiled condition when it has one. */
export interface SequenceFlow {
  readonly id: string;
  readonly name: string | null;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition: CompiledExpression | null;
  /** `take` execution listeners. */
  readonly listeners?: readonly ListenerSpec<ExecutionListenerEvent>[];
}

/** A scope: the process itself or an embedded sub-process. */
export interface ScopeModel {
  readonly id: string;
  /** The none start event a new scope instance begins at ('' when the process has timer start events only). */
  readonly startEventId: string;
  /** Timer start events of the process scope. */
  readonly timerStartEventIds: readonly string[];
  /** Message and signal start events of the process scope (start subscriptions of the definition). */
  readonly eventStartEventIds: readonly string[];
  /** Event sub-processes of this scope (armed whenever a scope instance starts). */
  readonly eventSubProcessIds: readonly string[];
  readonly elementIds: readonly string[];
}

/** One executable process definition (one `bpmn:process` of a deployed resource). */
export interface ExecutableProcess {
  readonly key: string;
  readonly name: string | null;
  readonly versionTag: string | null;
  readonly isExecutable: boolean;
  /** `camunda:isStartableInTasklist` (default true): whether tasklists offer to start it. */
  readonly startableInTasklist: boolean;
  /** `camunda:candidateStarterUsers` / `candidateStarterGroups`: who is offered to start it (Camunda's `startableBy`). */
  readonly candidateStarterUsers: readonly string[];
  readonly candidateStarterGroups: readonly string[];
  readonly elements: ReadonlyMap<string, FlowNode>;
  readonly flows: ReadonlyMap<string, SequenceFlow>;
  readonly scopes: ReadonlyMap<string, ScopeModel>;
  /** For each inclusive gateway: ids of the elements of its scope from which it can be reached. */
  readonly inclusiveJoinSources: ReadonlyMap<string, ReadonlySet<string>>;
  /** Process-level `start`/`end` execution listeners. */
  readonly listeners?: readonly ListenerSpec<ExecutionListenerEvent>[];
}

/** Looks up a flow node; a missing id is a bug in the model builder, not user input. */
export function requireElement(model: ExecutableProcess, id: string): FlowNode {
  const node = model.elements.get(id);
  if (!node) throw new Error(`Element '${id}' is not part of process '${model.key}'`);
  return node;
}

/** Looks up a sequence flow (see requireElement). */
export function requireFlow(model: ExecutableProcess, id: string): SequenceFlow {
  const flow = model.flows.get(id);
  if (!flow) throw new Error(`Sequence flow '${id}' is not part of process '${model.key}'`);
  return flow;
}
