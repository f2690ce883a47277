// Declarations for bpmn-io packages that ship JavaScript without types.

declare module 'bpmnlint/config/recommended' {
  const config: { rules: Record<string, string> };
  export default config;
}
declare module 'bpmnlint/rules/*' {
  const factory: (config?: unknown) => { check: (node: never, reporter: never) => void };
  export default factory;
}
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config?: unknown; resolver: unknown });
    lint(root: unknown, config?: unknown): Promise<Record<string, Array<{ id?: string; message: string; category: string }>>>;
  }
}
declare module 'bpmn-js-bpmnlint' {
  const module: unknown;
  export default module;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const CamundaPlatformPropertiesProviderModule: unknown;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: unknown;
  export default module;
}
declare module 'camunda-bpmn-moddle/resources/camunda.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
