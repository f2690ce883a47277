/** Camunda's ProcessDefinitionDto. */
import type { ProcessDefinitionRecord } from '@baton/engine';

/** Record → Camunda 7 ProcessDefinitionDto. */
export function definitionDto(d: ProcessDefinitionRecord) {
  return {
    id: d.id, key: d.key, category: null, description: null, name: d.name, version: d.version, resource: d.resourceName,
    deploymentId: d.deploymentId, diagram: null, suspended: d.suspended, tenantId: d.tenantId, versionTag: d.versionTag,
    historyTimeToLive: null, startableInTasklist: d.isExecutable && d.startableInTasklist !== false,
  };
}
