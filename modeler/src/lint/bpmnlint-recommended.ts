/**
 * bpmnlint's recommended rules, imported statically: the browser has no Node resolver, and
 * bundling them by name keeps the rule set explicit (bpmnlint-loader would do the same at build time).
 */
import recommended from 'bpmnlint/config/recommended';
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import type { LintConfig, RuleFactory } from './lint-types';

/** bpmnlint's `recommended` config. */
export const recommendedConfig = recommended as LintConfig;

/** bpmnlint's own rules by name. */
export const bpmnlintRules: Readonly<Record<string, RuleFactory>> = {
  'ad-hoc-sub-process': adHocSubProcess, 'conditional-flows': conditionalFlows, 'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway, 'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin, global, 'label-required': labelRequired, 'link-event': linkEvent, 'no-bpmndi': noBpmndi,
  'no-complex-gateway': noComplexGateway, 'no-disconnected': noDisconnected, 'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork, 'no-implicit-split': noImplicitSplit, 'no-implicit-end': noImplicitEnd,
  'no-implicit-start': noImplicitStart, 'no-inclusive-gateway': noInclusiveGateway, 'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent, 'single-event-definition': singleEventDefinition,
  'start-event-required': startEventRequired, 'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway, 'superfluous-label': superfluousLabel, 'superfluous-termination': superfluousTermination,
};
