/** Test helpers: fixtures and a moddle with the Camunda 7 extension, as bpmn-js uses it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';

/** Reads an example process of the repository's processes/ folder. */
export function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, '..', '..', 'processes', name), 'utf8');
}

/** Parses BPMN XML into the moddle tree the linter sees. */
export async function parseDefinitions(xml: string): Promise<{ $type: string; id?: string; [key: string]: unknown }> {
  const moddle = new BpmnModdle({ camunda });
  const result = (await moddle.fromXML(xml)) as { rootElement: { $type: string; id?: string; [key: string]: unknown } };
  return result.rootElement;
}
