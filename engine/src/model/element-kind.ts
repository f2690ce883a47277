/**
 * BPMN type (and event definition) → element kind. Anything not listed is unsupported and a
 * deploy error naming the element.
 */
import type { ModdleElement } from '../parser/parse-bpmn';
import type { ElementKind } from './executable-model';

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** The single event definition type of an event, 'none', or 'multiple'. */
export function eventDefinitionType(el: ModdleElement): string {
  const defs = list(el.eventDefinitions);
  return defs.length === 0 ? 'none' : defs.length === 1 ? defs[0]!.$type : 'multiple';
}

/** Maps an element to its kind, or to a description of why it is unsupported. */
export function kindOf(el: ModdleElement): ElementKind | string {
  const defType = eventDefinitionType(el);
  const timer = defType === 'bpmn:TimerEventDefinition';
  const message = defType === 'bpmn:MessageEventDefinition';
  const signal = defType === 'bpmn:SignalEventDefinition';
  const link = defType === 'bpmn:LinkEventDefinition';
  const conditional = defType === 'bpmn:ConditionalEventDefinition';
  const error = defType === 'bpmn:ErrorEventDefinition';
  const escalation = defType === 'bpmn:EscalationEventDefinition';
  const compensate = defType === 'bpmn:CompensateEventDefinition';
  const cancel = defType === 'bpmn:CancelEventDefinition';
  switch (el.$type) {
    case 'bpmn:StartEvent':
      if (timer) return 'timerStartEvent';
      if (message) return 'messageStartEvent';
      if (signal) return 'signalStartEvent';
      if (conditional) return 'conditionalStartEvent';
      if (error) return 'errorStartEvent';
      if (escalation) return 'escalationStartEvent';
      if (compensate) return 'compensationStartEvent';
      return defType === 'none' ? 'noneStartEvent' : `start event with ${defType}`;
    case 'bpmn:EndEvent':
      if (defType === 'none') return 'noneEndEvent';
      if (message) return 'messageEndEvent';
      if (signal) return 'signalEndEvent';
      if (error) return 'errorEndEvent';
      if (escalation) return 'escalationEndEvent';
      if (compensate) return 'compensationEndEvent';
      if (cancel) return 'cancelEndEvent';
      return defType === 'bpmn:TerminateEventDefinition' ? 'terminateEndEvent' : `end event with ${defType}`;
    case 'bpmn:IntermediateThrowEvent':
      if (message) return 'messageIntermediateThrowEvent';
      if (signal) return 'signalIntermediateThrowEvent';
      if (link) return 'linkIntermediateThrowEvent';
      if (escalation) return 'escalationIntermediateThrowEvent';
      if (compensate) return 'compensationIntermediateThrowEvent';
      return defType === 'none' ? 'noneIntermediateThrowEvent' : `intermediate throw event with ${defType}`;
    case 'bpmn:IntermediateCatchEvent':
      if (message) return 'messageIntermediateCatchEvent';
      if (signal) return 'signalIntermediateCatchEvent';
      if (link) return 'linkIntermediateCatchEvent';
      if (conditional) return 'conditionalIntermediateCatchEvent';
      return timer ? 'timerIntermediateCatchEvent' : `intermediate catch event with ${defType}`;
    case 'bpmn:BoundaryEvent':
      if (message) return 'messageBoundaryEvent';
      if (signal) return 'signalBoundaryEvent';
      if (conditional) return 'conditionalBoundaryEvent';
      if (error) return 'errorBoundaryEvent';
      if (escalation) return 'escalationBoundaryEvent';
      if (compensate) return 'compensationBoundaryEvent';
      if (cancel) return 'cancelBoundaryEvent';
      return timer ? 'timerBoundaryEvent' : `boundary event with ${defType}`;
    case 'bpmn:EventBasedGateway':
      return el.instantiate === true ? 'instantiating event-based gateway' : 'eventBasedGateway';
    case 'bpmn:ReceiveTask':
      return 'receiveTask';
    case 'bpmn:ExclusiveGateway':
      return 'exclusiveGateway';
    case 'bpmn:ParallelGateway':
      return 'parallelGateway';
    case 'bpmn:InclusiveGateway':
      return 'inclusiveGateway';
    case 'bpmn:UserTask':
      return 'userTask';
    case 'bpmn:ManualTask':
      return 'manualTask';
    case 'bpmn:Task':
      return 'task';
    case 'bpmn:ServiceTask':
      return 'serviceTask';
    case 'bpmn:SendTask':
      return 'sendTask';
    case 'bpmn:BusinessRuleTask':
      return 'businessRuleTask';
    case 'bpmn:CallActivity':
      return 'callActivity';
    case 'bpmn:SubProcess':
      return el.triggeredByEvent === true ? 'eventSubProcess' : 'subProcess';
    case 'bpmn:Transaction':
      return 'transaction';
    default:
      return el.$type;
  }
}

/** Kinds this engine version executes. */
export const SUPPORTED_KINDS: ReadonlySet<string> = new Set<ElementKind>([
  'noneStartEvent', 'noneEndEvent', 'terminateEndEvent', 'noneIntermediateThrowEvent', 'exclusiveGateway',
  'parallelGateway', 'inclusiveGateway', 'userTask', 'manualTask', 'task', 'subProcess', 'timerStartEvent',
  'timerIntermediateCatchEvent', 'timerBoundaryEvent', 'serviceTask', 'sendTask', 'businessRuleTask',
  'messageIntermediateThrowEvent', 'messageEndEvent', 'eventSubProcess', 'messageStartEvent', 'signalStartEvent',
  'messageIntermediateCatchEvent', 'signalIntermediateCatchEvent', 'receiveTask', 'messageBoundaryEvent', 'signalBoundaryEvent',
  'signalIntermediateThrowEvent', 'signalEndEvent', 'eventBasedGateway', 'linkIntermediateThrowEvent', 'linkIntermediateCatchEvent',
  'conditionalIntermediateCatchEvent', 'conditionalBoundaryEvent', 'conditionalStartEvent',
  'callActivity',
  'errorEndEvent', 'errorBoundaryEvent', 'errorStartEvent',
  'escalationEndEvent', 'escalationIntermediateThrowEvent', 'escalationBoundaryEvent', 'escalationStartEvent',
  'compensationBoundaryEvent', 'compensationIntermediateThrowEvent', 'compensationEndEvent',
  'transaction', 'cancelEndEvent', 'cancelBoundaryEvent', 'compensationStartEvent',
]);
