/**
 * Loop characteristics of an activity: `bpmn:multiInstanceLoopCharacteristics` (Camunda 7
 * semantics: loopCardinality or camunda:collection + elementVariable, completionCondition,
 * sequential or parallel, async flags on the body) and `bpmn:standardLoopCharacteristics`
 * (loopCondition, testBefore, loopMaximum — Camunda 7 rejects it, Baton runs it).
 *
 * As in Camunda 7 the looped activity becomes two flow nodes: a synthetic body
 * `<id>#multiInstanceBody` (or `<id>#loopBody`) that takes over the activity's sequence flows and
 * boundary events, and the inner activity `<id>` whose instances run inside the body's scope.
 */
import type { ModelProblem } from '../errors';
import type { CompiledExpression } from '../expression';
import type { ModdleElement } from '../parser/parse-bpmn';
import type { ElementKind, FlowNode, JobSpec, SequenceFlow } from './executable-model';
import { extensions, jobSpec, type Compile } from './job-specs';

/** Multi-instance: how many inner instances, in which order, and when to stop early. */
export interface MultiInstanceSpec {
  readonly kind: 'multiInstance';
  /** The inner activity's id (the body's id is `<innerId>#multiInstanceBody`). */
  readonly innerId: string;
  readonly sequential: boolean;
  readonly cardinality: CompiledExpression | null;
  /** `camunda:collection`: an expression or a variable name (compiled as `${name}`). */
  readonly collection: CompiledExpression | null;
  readonly elementVariable: string | null;
  readonly completionCondition: CompiledExpression | null;
}

/** Standard loop: repeat the inner activity while the condition holds, at most `maximum` times. */
export interface StandardLoopSpec {
  readonly kind: 'standardLoop';
  readonly innerId: string;
  readonly condition: CompiledExpression | null;
  readonly testBefore: boolean;
  readonly maximum: number | null;
}

/** Loop characteristics as the body behaviors see them. */
export type LoopSpec = MultiInstanceSpec | StandardLoopSpec;

/** A loop spec read from the XML, with the job settings of the body. */
export interface ParsedLoop {
  readonly spec: LoopSpec;
  readonly bodyJobs: JobSpec;
}

/** The id suffix of a body node per loop kind (Camunda's `#multiInstanceBody`). */
export const BODY_SUFFIX = { multiInstance: '#multiInstanceBody', standardLoop: '#loopBody' } as const;

const NOT_LOOPABLE = /(Event|Gateway)$|^eventSubProcess$/;
const KNOWN_EXTENSIONS = new Set(['camunda:FailedJobRetryTimeCycle']);
const VARIABLE_NAME = /^[A-Za-z_$][\w$]*$/;

/** Reads the loop characteristics of an element; null when it has none or they are invalid (problems recorded). */
export function loopSpec(
  el: ModdleElement, id: string, kind: ElementKind | string, processJobPriority: string | null, compile: Compile, problems: ModelProblem[],
): ParsedLoop | null {
  const lc = el.loopCharacteristics as ModdleElement | undefined;
  if (!lc) return null;
  const problem = (reason: string) => {
    problems.push({ elementId: id, reason });
    return null;
  };
  if (NOT_LOOPABLE.test(kind)) return problem(`${el.$type} cannot have loop characteristics (only activities can)`);
  // Other vendors' extensions carry no Camunda 7 semantics and are ignored, as build-model.ts does.
  for (const x of extensions(lc)) if (x.$type.startsWith('camunda:') && !KNOWN_EXTENSIONS.has(x.$type)) problem(`${x.$type} on loop characteristics is not supported`);
  const bodyJobs = jobSpec(lc, `${id}${lc.$type === 'bpmn:StandardLoopCharacteristics' ? BODY_SUFFIX.standardLoop : BODY_SUFFIX.multiInstance}`, processJobPriority, compile);
  if (lc.$type === 'bpmn:StandardLoopCharacteristics') return standardLoop(lc, id, compile, problem, bodyJobs);
  if (lc.$type === 'bpmn:MultiInstanceLoopCharacteristics') return multiInstance(lc, id, compile, problem, bodyJobs);
  return problem(`unsupported loop characteristics ${lc.$type}`);
}

function multiInstance(lc: ModdleElement, id: string, compile: Compile, problem: (r: string) => null, bodyJobs: JobSpec): ParsedLoop | null {
  for (const attr of ['loopDataInputRef', 'loopDataOutputRef', 'inputDataItem', 'outputDataItem', 'complexBehaviorDefinition']) {
    if (lc[attr]) return problem(`multi-instance ${attr} is not supported; use camunda:collection and camunda:elementVariable`);
  }
  if (lc.behavior && lc.behavior !== 'All') return problem(`multi-instance behavior="${String(lc.behavior)}" is not supported (only All)`);
  const cardinalityText = body(lc.loopCardinality);
  const collectionText = str(lc.collection);
  const elementVariable = str(lc.elementVariable);
  if (!cardinalityText && !collectionText) return problem('multi-instance needs loopCardinality or camunda:collection');
  if (cardinalityText && collectionText) return problem('multi-instance has both loopCardinality and camunda:collection; use one');
  if (elementVariable && !collectionText) return problem('camunda:elementVariable needs camunda:collection');
  if (elementVariable && !VARIABLE_NAME.test(elementVariable)) return problem(`camunda:elementVariable '${elementVariable}' is not a variable name`);
  // Camunda 7 accepts a plain variable name as the collection; it means the variable's value.
  const collectionSource = collectionText && !/[$#]\{/.test(collectionText) ? `\${${collectionText}}` : collectionText;
  if (collectionSource && collectionText && !/[$#]\{/.test(collectionText) && !VARIABLE_NAME.test(collectionText)) {
    return problem(`camunda:collection '${collectionText}' is neither an expression nor a variable name`);
  }
  const cardinality = cardinalityText ? compile(cardinalityText, id, 'loopCardinality') : null;
  if (cardinality?.isLiteral && !/^\d+$/.test(cardinalityText!)) return problem(`loopCardinality '${cardinalityText}' is not a non-negative integer`);
  const completionText = body(lc.completionCondition);
  return {
    spec: {
      kind: 'multiInstance',
      innerId: id,
      sequential: lc.isSequential === true,
      cardinality,
      collection: collectionSource ? compile(collectionSource, id, 'camunda:collection') : null,
      elementVariable,
      completionCondition: completionText ? compile(completionText, id, 'completionCondition') : null,
    },
    bodyJobs,
  };
}

function standardLoop(lc: ModdleElement, id: string, compile: Compile, problem: (r: string) => null, bodyJobs: JobSpec): ParsedLoop | null {
  const conditionText = body(lc.loopCondition);
  const maximum = typeof lc.loopMaximum === 'number' ? lc.loopMaximum : null;
  if (maximum !== null && (!Number.isInteger(maximum) || maximum < 0)) return problem(`loopMaximum must be a non-negative integer, not ${maximum}`);
  // Without both, the activity could only stop by an interrupting event: almost surely a modelling mistake.
  if (!conditionText && maximum === null) return problem('a standard loop needs a loopCondition or a loopMaximum');
  return {
    spec: {
      kind: 'standardLoop',
      innerId: id,
      condition: conditionText ? compile(conditionText, id, 'loopCondition') : null,
      testBefore: lc.testBefore === true,
      maximum,
    },
    bodyJobs,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Splits every looped activity into body + inner activity: the body takes over the incoming and
 * outgoing flows, default flow and boundary events (which then attach to the body, as in Camunda 7).
 */
export function addLoopBodies(elements: Map<string, FlowNode>, flows: Map<string, SequenceFlow>, loops: ReadonlyMap<string, ParsedLoop>): void {
  for (const [innerId, { spec, bodyJobs }] of loops) {
    const inner = elements.get(innerId);
    if (!inner) continue;
    const bodyId = `${innerId}${BODY_SUFFIX[spec.kind]}`;
    // Spread so that fields other features add to FlowNode exist; the body's own ones are set below.
    const bodyNode: Mutable<FlowNode> = {
      ...inner, id: bodyId, kind: spec.kind === 'multiInstance' ? 'multiInstanceBody' : 'standardLoopBody',
      bpmnType: spec.kind === 'multiInstance' ? 'bpmn:MultiInstanceBody' : 'bpmn:StandardLoopBody',
      userTask: null, form: null, timer: null, externalTask: null, event: null, link: null, conditional: null, jobs: bodyJobs, loop: spec,
      // Listeners, input/output mappings and delegates belong to each inner instance, as in Camunda 7.
      delegate: null, ioMapping: null, listeners: [], taskListeners: [],
    };
    elements.set(bodyId, bodyNode);
    elements.set(innerId, { ...inner, incoming: [], outgoing: [], defaultFlowId: null, boundaryEventIds: [] });
    for (const flow of flows.values()) {
      if (flow.targetId === innerId) flows.set(flow.id, { ...flow, targetId: bodyId });
      if (flow.sourceId === innerId) flows.set(flow.id, { ...(flows.get(flow.id) ?? flow), sourceId: bodyId });
    }
    for (const boundaryId of inner.boundaryEventIds) {
      const boundary = elements.get(boundaryId);
      if (boundary) elements.set(boundaryId, { ...boundary, attachedToId: bodyId });
    }
  }
}

/** The text of a formal expression child (loopCardinality, completionCondition, loopCondition). */
function body(value: unknown): string | null {
  return str((value as ModdleElement | undefined)?.body);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}
