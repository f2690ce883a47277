/**
 * XML → moddle tree, with bpmn-moddle and the Camunda 7 extension descriptor. Every moddle
 * warning (unknown element, unresolved reference, duplicate id) becomes a model problem:
 * silently dropping an element we did not understand is exactly what we must not do.
 */
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { BatonError, ModelValidationError, type ModelProblem } from '../errors';
import { guardXml, DEFAULT_MAX_XML_BYTES } from './xml-guard';

/** A moddle element as we read it: typed loosely, accessed through small helpers. */
export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly [key: string]: unknown;
}

/** Result of parsing one BPMN resource. */
export interface ParsedBpmn {
  readonly definitions: ModdleElement;
  readonly xml: string;
}

const moddle = new BpmnModdle({ camunda });

/** Parses BPMN XML; throws BatonError for hostile or malformed input, ModelValidationError for warnings. */
export async function parseBpmn(
  input: string | Uint8Array,
  resourceName: string,
  maxBytes = DEFAULT_MAX_XML_BYTES,
): Promise<ParsedBpmn> {
  const xml = guardXml(input, resourceName, maxBytes);
  let result: { rootElement: ModdleElement; warnings: Array<{ message: string; element?: ModdleElement }> };
  try {
    result = (await moddle.fromXML(xml, 'bpmn:Definitions')) as unknown as typeof result;
  } catch (err) {
    throw new BatonError('BPMN_MALFORMED', `Resource '${resourceName}' is not well-formed BPMN XML: ${firstLine(err)}`);
  }
  if (result.warnings.length > 0) {
    throw new ModelValidationError(resourceName, result.warnings.map(warningToProblem));
  }
  return { definitions: result.rootElement, xml };
}

function warningToProblem(w: { message: string; element?: ModdleElement }): ModelProblem {
  // moddle puts the cause ("duplicate ID <x>", "unknown type <y>") on a "nested error:" line.
  const lines = w.message.split('\n').map((l) => l.trim());
  const nested = lines.find((l) => l.startsWith('nested error:'))?.replace('nested error:', '').trim();
  const position = lines.filter((l) => /^(line|column):/.test(l)).join(', ');
  const message = [lines[0], nested ? `(${nested})` : '', position ? `at ${position}` : ''].filter(Boolean).join(' ');
  const ref = /unresolved reference <([^>]+)>/.exec(message);
  const dup = /duplicate ID <([^>]+)>/.exec(message);
  const elementId = w.element?.id ?? ref?.[1] ?? dup?.[1] ?? null;
  return { elementId: typeof elementId === 'string' ? elementId : null, reason: message };
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').slice(0, 3).join(' ').trim();
}
