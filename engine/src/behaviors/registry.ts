/**
 * The behavior registry: exactly one behavior per element kind. The type makes it exhaustive,
 * so a new kind in the model without a behavior does not compile.
 */
import type { ElementKind } from '../model/executable-model';
import { subProcess } from './containers/sub-process';
import { eventSubProcess } from './containers/event-sub-process';
import type { ElementBehavior } from './context';
import { noneEndEvent } from './events/none-end-event';
import { noneIntermediateThrowEvent } from './events/none-intermediate-throw-event';
import { noneStartEvent } from './events/none-start-event';
import { terminateEndEvent } from './events/terminate-end-event';
import { exclusiveGateway } from './gateways/exclusive-gateway';
import { inclusiveGateway } from './gateways/inclusive-gateway';
import { parallelGateway } from './gateways/parallel-gateway';
import { passThroughTask } from './tasks/pass-through-task';
import { userTask } from './tasks/user-task';
import { externalTask } from './tasks/external-task';
import { timerBoundaryEvent } from './events/boundary-event';
import { messageThrowEvent } from './events/message-throw-event';
import { timerCatchEvent } from './events/timer-catch-event';
import { timerStartEvent } from './events/timer-start-event';
import { errorEndEvent } from './events/error-end-event';
import { errorBoundaryEvent } from './events/error-boundary-event';
import { errorStartEvent } from './events/error-start-event';
import { escalationThrowEvent } from './events/escalation-throw-event';
import { escalationBoundaryEvent } from './events/escalation-boundary-event';
import { compensationThrowEvent } from './events/compensation-throw-event';
import { compensationBoundaryEvent } from './events/compensation-boundary-event';
import { cancelEndEvent } from './events/cancel-end-event';
import { cancelBoundaryEvent } from './events/cancel-boundary-event';

/** Element kind → behavior. */
export const behaviors: Readonly<Record<ElementKind, ElementBehavior>> = {
  noneStartEvent,
  noneEndEvent,
  terminateEndEvent,
  noneIntermediateThrowEvent,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  userTask,
  manualTask: passThroughTask,
  task: passThroughTask,
  subProcess,
  timerStartEvent,
  timerIntermediateCatchEvent: timerCatchEvent,
  timerBoundaryEvent,
  serviceTask: externalTask,
  sendTask: externalTask,
  businessRuleTask: externalTask,
  messageIntermediateThrowEvent: messageThrowEvent,
  messageEndEvent: messageThrowEvent,
  eventSubProcess,
  errorEndEvent,
  errorBoundaryEvent,
  errorStartEvent,
  escalationEndEvent: escalationThrowEvent,
  escalationIntermediateThrowEvent: escalationThrowEvent,
  escalationBoundaryEvent,
  escalationStartEvent: errorStartEvent,
  compensationBoundaryEvent,
  compensationIntermediateThrowEvent: compensationThrowEvent,
  compensationEndEvent: compensationThrowEvent,
  transaction: subProcess,
  cancelEndEvent,
  cancelBoundaryEvent,
  compensationStartEvent: errorStartEvent,
};
