/**
 * Reads `camunda:inputOutput` (input and output parameters with text, `${…}` expressions,
 * `camunda:list` and `camunda:map`, nested) into the executable model. Script values are a
 * deploy error until Baton has script support.
 */
import type { ModelProblem } from '../errors';
import type { ModdleElement } from '../parser/parse-bpmn';
import type { IoMappingSpec, IoParameter, IoValue } from './delegation-model';
import type { Compile } from './job-specs';
import { extensions } from './job-specs';

/** Kinds whose `camunda:inputOutput` Baton applies (sub-processes and start events come later). */
const IO_KINDS = new Set([
  'userTask', 'manualTask', 'task', 'serviceTask', 'sendTask', 'businessRuleTask', 'noneIntermediateThrowEvent',
  'messageIntermediateThrowEvent', 'messageEndEvent', 'noneEndEvent', 'timerIntermediateCatchEvent',
]);

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** The element's input/output mapping, or null when it declares none. */
export function ioMappingSpec(el: ModdleElement, kind: string, id: string, compile: Compile, problems: ModelProblem[]): IoMappingSpec | null {
  const io = extensions(el).find((v) => v.$type === 'camunda:InputOutput');
  if (!io) return null;
  if (!IO_KINDS.has(kind)) {
    problems.push({ elementId: id, reason: `camunda:inputOutput on ${el.$type} is not supported yet` });
    return null;
  }
  if (io.connectorId) problems.push({ elementId: id, reason: 'camunda:connector is not supported' });
  const read = (p: ModdleElement, what: string): IoParameter | null => {
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    if (!name) {
      problems.push({ elementId: id, reason: `camunda:${what} without a name` });
      return null;
    }
    return { name, value: ioValue(p, id, `camunda:${what} '${name}'`, compile, problems) };
  };
  const inputs = list(io.inputParameters).map((p) => read(p, 'inputParameter'));
  const outputs = list(io.outputParameters).map((p) => read(p, 'outputParameter'));
  return { inputs: inputs.filter((p) => p !== null), outputs: outputs.filter((p) => p !== null) };
}

/** A parameter, list item or map entry: its `definition` child or its text body. */
function ioValue(holder: ModdleElement, id: string, what: string, compile: Compile, problems: ModelProblem[]): IoValue {
  const def = holder.definition as ModdleElement | undefined;
  if (def) return definitionValue(def, id, what, compile, problems);
  const text = typeof holder.value === 'string' ? holder.value : '';
  // Camunda: a parameter without content maps to null.
  if (text.trim() === '') return { kind: 'null' };
  const expression = compile(text, id, what);
  return expression ? { kind: 'value', expression } : { kind: 'null' };
}

function definitionValue(def: ModdleElement, id: string, what: string, compile: Compile, problems: ModelProblem[]): IoValue {
  switch (def.$type) {
    case 'camunda:List':
      return { kind: 'list', items: list(def.items).map((item) => definitionOrText(item, id, what, compile, problems)) };
    case 'camunda:Map':
      return {
        kind: 'map',
        entries: list(def.entries).map((e) => [typeof e.key === 'string' ? e.key : '', ioValue(e, id, what, compile, problems)] as const),
      };
    case 'camunda:Script':
      problems.push({ elementId: id, reason: `${what}: camunda:script values are not supported yet` });
      return { kind: 'null' };
    default:
      problems.push({ elementId: id, reason: `${what}: ${def.$type} is not supported` });
      return { kind: 'null' };
  }
}

/** List items are `camunda:value` (text), `camunda:list`, `camunda:map` or `camunda:script`. */
function definitionOrText(item: ModdleElement, id: string, what: string, compile: Compile, problems: ModelProblem[]): IoValue {
  if (item.$type === 'camunda:List' || item.$type === 'camunda:Map' || item.$type === 'camunda:Script') {
    return definitionValue(item, id, what, compile, problems);
  }
  return ioValue(item, id, what, compile, problems);
}
