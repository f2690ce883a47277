/**
 * The bpmn-js modeler in its Camunda 7 distribution: camunda-bpmn-moddle, the Camunda
 * Platform properties panel (assignee, candidate groups, form key, external topic, async,
 * timers, conditions, input/output, call activity, multi-instance), the Camunda behaviors
 * that keep those properties consistent, and live bpmnlint validation.
 */
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import lintModule from 'bpmn-js-bpmnlint';
import { bpmnlintOptions } from '../lint/lint-config';

/** Creates the modeler inside `canvas`, with its properties panel in `panel`. */
export function createModeler(canvas: HTMLElement, panel: HTMLElement): BpmnModeler {
  return new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule, CamundaBehaviorsModule, lintModule],
    moddleExtensions: { camunda: camundaModdle },
    linting: { bpmnlint: bpmnlintOptions, active: true },
  } as ConstructorParameters<typeof BpmnModeler>[0]);
}
