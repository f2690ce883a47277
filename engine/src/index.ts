/** Public surface of the engine core. */
export { Engine, type EngineOptions, type StartRequest, type InstanceResult, type EventListener } from './runtime/engine';
export type { DeployRequest, DeployResult, DeploymentResource } from './runtime/deployer';
export { isBpmnResource } from './runtime/deployer';
export { eventLabel, type EngineEvent, type EngineEventType } from './runtime/events';
export * from './errors';
export type * from './persistence/records';
export type { ChangeSet, TableChanges, HistoryChanges, HistoricTaskUpdate } from './persistence/change-set';
export type { PersistencePort, StoreReads, StoreTransaction, InstanceSnapshot, NewDeployment, TaskFilter } from './persistence/port';
export { InMemoryStore } from './persistence/in-memory/in-memory-store';
export { parseBpmn } from './parser/parse-bpmn';
export { DEFAULT_MAX_XML_BYTES } from './parser/xml-guard';
export { buildModel, supportedElementKinds } from './model/build-model';
export type { ExecutableProcess, FlowNode, ElementKind, FormSpec, FormFieldSpec, FormRefSpec } from './model/executable-model';
export * from './variables/typed-value';
export * from './variables/wire-format';
