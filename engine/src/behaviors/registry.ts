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
import { serviceTaskLike } from './tasks/delegate-service-task';
import { timerBoundaryEvent } from './events/boundary-event';
import { messageThrowEvent } from './events/message-throw-event';
import { timerCatchEvent } from './events/timer-catch-event';
import { timerStartEvent } from './events/timer-start-event';
import { triggeredStartEvent } from './events/triggered-start-event';
import { subscribingCatchEvent } from './events/subscribing-catch-event';
import { subscribingBoundaryEvent } from './events/subscribing-boundary-event';
import { signalThrowEvent } from './events/signal-throw-event';
import { linkCatchEvent } from './events/link-catch-event';
import { linkThrowEvent } from './events/link-throw-event';
import { eventBasedGateway } from './gateways/event-based-gateway';
import { conditionalCatchEvent } from './events/conditional-catch-event';
import { conditionalBoundaryEvent } from './events/conditional-boundary-event';
import { multiInstanceBody } from './containers/multi-instance-body';
import { standardLoopBody } from './containers/standard-loop';
import { callActivity } from './tasks/call-activity';
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
  serviceTask: serviceTaskLike,
  sendTask: serviceTaskLike,
  businessRuleTask: serviceTaskLike,
  messageIntermediateThrowEvent: messageThrowEvent,
  messageEndEvent: messageThrowEvent,
  eventSubProcess,
  messageStartEvent: triggeredStartEvent,
  signalStartEvent: triggeredStartEvent,
  messageIntermediateCatchEvent: subscribingCatchEvent,
  signalIntermediateCatchEvent: subscribingCatchEvent,
  receiveTask: subscribingCatchEvent,
  messageBoundaryEvent: subscribingBoundaryEvent,
  signalBoundaryEvent: subscribingBoundaryEvent,
  signalIntermediateThrowEvent: signalThrowEvent,
  signalEndEvent: signalThrowEvent,
  eventBasedGateway,
  linkIntermediateThrowEvent: linkThrowEvent,
  linkIntermediateCatchEvent: linkCatchEvent,
  conditionalIntermediateCatchEvent: conditionalCatchEvent,
  conditionalBoundaryEvent,
  conditionalStartEvent: triggeredStartEvent,
  multiInstanceBody,
  standardLoopBody,
  callActivity,
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
