/** PostgreSQL adapter of the engine: DataSource + migrations, the store, the embedded server. */
export { openDataSource, poolOf, type DatabaseOptions } from './data-source';
export { PostgresStore } from './postgres-store';
export { groupCommitFromEnvironment, type GroupCommitOptions } from './group-commit';
export { groupReadFromEnvironment, queryPrepared } from './group-read';
export type { GroupingOptions } from './grouping-queue';
export { startEmbeddedPostgres, type EmbeddedOptions, type EmbeddedServer } from './embedded-postgres';
export { entities, DeploymentEntity, ProcessDefinitionEntity, ResourceEntity, type DeploymentRow, type ProcessDefinitionRow, type ResourceRow } from './entities';
export { fromRow, toRow, variableFromRow, instanceFromRow, taskFromRow, DATE_FIELDS } from './row-mapping';
export { deleteDefinitionRows, deleteDeploymentRows, deleteInstanceHistory, deleteInstanceVariableHistory } from './history-deletion';
export { postgresAnswers } from './probe';
export { insertUserOperations, withUserOperations } from './user-operation-log';
export { readVariableFile } from './variable-files';
export type { BatchStatement } from './statement-batch';
