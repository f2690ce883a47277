/**
 * What each supported element kind means, for the README's coverage table. Typed over
 * ElementKind, so a new kind without a line here does not compile; the README table is
 * generated from this (scripts/generate-element-table.ts) and a test keeps it current.
 */
import type { ElementKind } from './executable-model';

/** One row of the coverage table. */
export interface CoverageRow {
  readonly element: string;
  readonly notes: string;
}

/** Supported kinds, in table order. */
export const SUPPORTED_ELEMENTS: Readonly<Record<ElementKind, CoverageRow>> = {
  noneStartEvent: { element: 'start event (none)', notes: 'also in embedded sub-processes; `camunda:formKey`/`formRef`/`formData` start forms; `camunda:initiator` (the starting user\'s id)' },
  timerStartEvent: { element: 'start event (timer)', notes: 'timeDate, timeDuration, timeCycle (ISO 8601 repeats, cron); a new version replaces the old timers' },
  noneEndEvent: { element: 'end event (none)', notes: '' },
  terminateEndEvent: { element: 'end event (terminate)', notes: 'inside a sub-process ends only that sub-process' },
  messageEndEvent: { element: 'end event (message)', notes: 'with `camunda:type="external"` (worked as an external task) or a registered handler (`camunda:class`/`delegateExpression`/`expression`)' },
  noneIntermediateThrowEvent: { element: 'intermediate throw event (none)', notes: '' },
  messageIntermediateThrowEvent: { element: 'intermediate throw event (message)', notes: 'with `camunda:type="external"` or a registered handler' },
  timerIntermediateCatchEvent: { element: 'intermediate catch event (timer)', notes: '' },
  timerBoundaryEvent: { element: 'boundary event (timer)', notes: 'interrupting and non-interrupting, cycles' },
  exclusiveGateway: { element: 'exclusive gateway', notes: 'conditions, default flow; no match ⇒ incident' },
  parallelGateway: { element: 'parallel gateway', notes: 'fork and join' },
  inclusiveGateway: { element: 'inclusive gateway', notes: 'the join waits exactly for the tokens that can still arrive' },
  userTask: { element: 'user task', notes: 'assignee, candidate users/groups, due/follow-up dates, priority, forms — all with expressions' },
  manualTask: { element: 'manual task', notes: 'passes through' },
  task: { element: 'task (abstract)', notes: 'passes through' },
  serviceTask: { element: 'service task', notes: '`camunda:type="external"` + topic (external tasks); `camunda:class`, `camunda:delegateExpression`, `camunda:expression` (+ `resultVariable`) run registered TypeScript handlers' },
  sendTask: { element: 'send task', notes: '`camunda:type="external"` + topic, or a registered handler like a service task' },
  businessRuleTask: { element: 'business rule task', notes: '`camunda:type="external"` + topic, or a registered handler (no DMN yet)' },
  subProcess: { element: 'embedded sub-process', notes: 'own variable scope' },
  eventSubProcess: { element: 'event sub-process', notes: 'timer, message, signal, conditional, error, escalation and compensation start events; interrupting and non-interrupting; at process and sub-process level' },
  messageStartEvent: { element: 'start event (message)', notes: 'process level and event sub-processes; `POST /message` starts the latest version' },
  signalStartEvent: { element: 'start event (signal)', notes: 'process level and event sub-processes; every signal starts an instance' },
  messageIntermediateCatchEvent: { element: 'intermediate catch event (message)', notes: 'correlation by name, business key, correlation keys, process instance id' },
  signalIntermediateCatchEvent: { element: 'intermediate catch event (signal)', notes: '' },
  receiveTask: { element: 'receive task', notes: 'with `messageRef` (correlated), or without (signalled by `POST /execution/{id}/signal`)' },
  messageBoundaryEvent: { element: 'boundary event (message)', notes: 'interrupting and non-interrupting' },
  signalBoundaryEvent: { element: 'boundary event (signal)', notes: 'interrupting and non-interrupting' },
  signalIntermediateThrowEvent: { element: 'intermediate throw event (signal)', notes: 'this instance at once; other instances and start events by a job committed with the throw' },
  signalEndEvent: { element: 'end event (signal)', notes: 'as the signal throw event' },
  eventBasedGateway: { element: 'event-based gateway', notes: 'message, signal, timer and conditional catch events; the first event wins' },
  linkIntermediateThrowEvent: { element: 'intermediate throw event (link)', notes: 'continues at the link catch event of the same name in its scope' },
  linkIntermediateCatchEvent: { element: 'intermediate catch event (link)', notes: '' },
  conditionalIntermediateCatchEvent: { element: 'intermediate catch event (conditional)', notes: 'passes at once when true; else re-evaluated on variable changes in its scope; `camunda:variableName`/`variableEvents`' },
  conditionalBoundaryEvent: { element: 'boundary event (conditional)', notes: 'interrupting and non-interrupting; evaluated when the activity rests and on variable changes' },
  conditionalStartEvent: { element: 'start event (conditional)', notes: 'in event sub-processes (evaluated when the scope starts and on variable changes); not on the process level' },
  multiInstanceBody: {
    element: 'multi-instance (parallel, sequential)',
    notes: 'on tasks and sub-processes: `loopCardinality`, `camunda:collection` + `elementVariable`, `completionCondition`, `nrOf*`/`loopCounter`; body `<id>#multiInstanceBody` carries the boundary events and its own async flags',
  },
  standardLoopBody: {
    element: 'standard loop',
    notes: 'Baton extension (Camunda 7 rejects it): `loopCondition`, `testBefore`, `loopMaximum`, `loopCounter`; body `<id>#loopBody`',
  },
  callActivity: {
    element: 'call activity',
    notes: 'calledElement (expression), binding latest/deployment/version/versionTag, `camunda:in`/`camunda:out` (source, sourceExpression, variables="all", local, businessKey); child instances with super/root instance ids; cancel cascades; depth limit',
  },
  errorStartEvent: { element: 'start event (error, in event sub-process)', notes: 'specific code or catch-all; `camunda:errorCodeVariable`/`errorMessageVariable`; takes precedence over a boundary event for the same error' },
  escalationStartEvent: { element: 'start event (escalation, in event sub-process)', notes: 'interrupting and non-interrupting; `camunda:escalationCodeVariable`' },
  errorEndEvent: { element: 'end event (error)', notes: 'propagates outward through sub-processes to the nearest catch; uncaught: the path ends (as in Camunda 7), logged as `error.uncaught`' },
  escalationEndEvent: { element: 'end event (escalation)', notes: 'uncaught escalations are no failure' },
  escalationIntermediateThrowEvent: { element: 'intermediate throw event (escalation)', notes: 'the path continues unless an interrupting catch ends it' },
  errorBoundaryEvent: { element: 'boundary event (error)', notes: 'specific code or catch-all; catches external task `bpmnError`; `camunda:errorCodeVariable`/`errorMessageVariable`' },
  escalationBoundaryEvent: { element: 'boundary event (escalation)', notes: 'on embedded sub-processes, transactions and call activities; interrupting and non-interrupting; `camunda:escalationCodeVariable`' },
  compensationBoundaryEvent: { element: 'boundary event (compensation)', notes: 'handler = associated activity with `isForCompensation`; subscribed each time its activity completes' },
  compensationIntermediateThrowEvent: { element: 'intermediate throw event (compensation)', notes: 'whole scope or `activityRef`; reverse completion order; completed sub-processes compensated recursively; waits for the handlers' },
  compensationEndEvent: { element: 'end event (compensation)', notes: 'as the throw event; inside an event sub-process compensates the enclosing scope' },
  transaction: { element: 'transaction sub-process', notes: 'an embedded sub-process that a cancel end event cancels with compensation' },
  cancelEndEvent: { element: 'end event (cancel)', notes: 'directly inside a transaction: ends it, compensates what completed in it, then its cancel boundary event' },
  cancelBoundaryEvent: { element: 'boundary event (cancel)', notes: 'one per transaction sub-process' },
  compensationStartEvent: { element: 'start event (compensation, in event sub-process)', notes: 'in an embedded sub-process: compensating the completed sub-process runs it instead of the inner handlers' },
};

/** Common BPMN elements that are rejected at deploy time (with their element id) for now. */
export const NOT_YET_SUPPORTED: readonly string[] = [
  'conditional start events on the process level', 'compensation event sub-processes on the process level', 'instantiating event-based gateway', 'complex gateway',
  'script task', 'script listeners and `camunda:script` io values',
 '`camunda:inputOutput` on sub-processes and start events',
];

/** The markdown table. */
export function elementCoverageTable(): string {
  const rows = Object.values(SUPPORTED_ELEMENTS).map((r) => `| ${r.element} | ✅ | ${r.notes} |`);
  const rejected = NOT_YET_SUPPORTED.map((e) => `| ${e} | — | rejected at deploy time with the element id |`);
  return ['| element | supported | notes |', '| --- | --- | --- |', ...rows, ...rejected].join('\n');
}
