/**
 * Reads what makes an element produce jobs or external tasks: async flags, retry cycle and
 * job priority, timer definitions (checked now when they contain no expression), and
 * `camunda:type="external"` topics. Problems are reported with the element id.
 */
import type { ModelProblem } from '../errors';
import type { CompiledExpression } from '../expression';
import type { ModdleElement } from '../parser/parse-bpmn';
import { timerProblem } from '../timer/timer-definition';
import type { ElementKind, ExternalTaskSpec, JobSpec, TimerSpec } from './executable-model';

/** Compiles an expression or records a problem (provided by the model builder). */
export type Compile = (source: string, elementId: string, what: string) => CompiledExpression | null;

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

/** Extension elements of an element. */
export function extensions(el: ModdleElement): ModdleElement[] {
  return list((el.extensionElements as ModdleElement | undefined)?.values);
}

/** Async flags, exclusive, priority (element or process default) and retry cycle. */
export function jobSpec(el: ModdleElement, id: string, processJobPriority: string | null, compile: Compile): JobSpec {
  const cycle = extensions(el).find((v) => v.$type === 'camunda:FailedJobRetryTimeCycle');
  const cycleText = str(cycle?.body);
  const priority = str(el.jobPriority) ?? processJobPriority;
  return {
    asyncBefore: el.asyncBefore === true || el.async === true,
    asyncAfter: el.asyncAfter === true,
    exclusive: el.exclusive !== false,
    priority: priority ? compile(priority, id, 'camunda:jobPriority') : null,
    retryCycle: cycleText ? compile(cycleText, id, 'camunda:failedJobRetryTimeCycle') : null,
  };
}

/** The timer definition of a timer event; literal definitions are checked at deploy time. */
export function timerSpec(el: ModdleElement, id: string, compile: Compile, problems: ModelProblem[]): TimerSpec | null {
  const def = list(el.eventDefinitions)[0];
  if (!def || def.$type !== 'bpmn:TimerEventDefinition') return null;
  const kinds = [['date', def.timeDate], ['duration', def.timeDuration], ['cycle', def.timeCycle]] as const;
  const present = kinds.filter(([, v]) => v !== undefined && v !== null);
  if (present.length !== 1) {
    problems.push({ elementId: id, reason: 'a timer needs exactly one of timeDate, timeDuration, timeCycle' });
    return null;
  }
  const [kind, expr] = present[0]!;
  const text = str((expr as ModdleElement).body);
  if (!text) {
    problems.push({ elementId: id, reason: `empty time${kind === 'date' ? 'Date' : kind === 'duration' ? 'Duration' : 'Cycle'}` });
    return null;
  }
  const definition = compile(text, id, `timer ${kind}`);
  if (!definition) return null;
  const problem = definition.isLiteral ? timerProblem(kind, text) : null;
  if (problem) problems.push({ elementId: id, reason: `invalid timer ${kind}: ${problem}` });
  return { kind, definition };
}

const EXTERNAL_KINDS = new Set<string>(['serviceTask', 'sendTask', 'businessRuleTask', 'messageIntermediateThrowEvent', 'messageEndEvent']);

/** External task topic and priority; tasks need `camunda:type="external"` (the only implementation so far). */
export function externalTaskSpec(
  el: ModdleElement, kind: ElementKind, id: string, processTaskPriority: string | null, compile: Compile, problems: ModelProblem[],
): ExternalTaskSpec | null {
  if (!EXTERNAL_KINDS.has(kind)) return null;
  const isEvent = kind.startsWith('message');
  const source = isEvent ? list(el.eventDefinitions)[0] : el;
  if (!source) return null;
  // class / delegateExpression / expression on tasks and message throw events: see delegation-specs.ts.
  if (source.type !== 'external' && (source.class || source.expression || source.delegateExpression)) return null;
  if (source.type !== 'external') {
    // A message throw event without implementation behaves like a none event (as in Camunda 7).
    if (isEvent) return null;
    problems.push({ elementId: id, reason: `${el.$type} needs an implementation: camunda:class, camunda:delegateExpression, camunda:expression or camunda:type="external" (as in Camunda 7)` });
    return null;
  }
  const topic = str(source.topic);
  if (!topic) {
    problems.push({ elementId: id, reason: 'camunda:type="external" needs a camunda:topic' });
    return null;
  }
  const priority = str(source.taskPriority) ?? processTaskPriority;
  const topicExpr = compile(topic, id, 'camunda:topic');
  return topicExpr ? { topic: topicExpr, priority: priority ? compile(priority, id, 'camunda:taskPriority') : null } : null;
}
