/**
 * TypeORM entity schemas of the deployment tables, used by repository-style queries in the
 * API. EntitySchema instead of decorators: esbuild-based runners (tsx, vitest) emit no
 * decorator metadata, which decorated entities need. Hot paths (instances, tasks, history
 * writes) use raw SQL through the same DataSource (see postgres-store.ts).
 */
import { EntitySchema } from 'typeorm';

/** Row shape of `deployment`. */
export interface DeploymentRow {
  id: string;
  name: string | null;
  source: string | null;
  deploymentTime: Date;
  tenantId: string | null;
}

/** Row shape of `process_definition`. */
export interface ProcessDefinitionRow {
  id: string;
  key: string;
  version: number;
  versionTag: string | null;
  name: string | null;
  deploymentId: string;
  resourceName: string;
  isExecutable: boolean;
  suspended: boolean;
  tenantId: string | null;
  startableInTasklist: boolean;
  candidateStarterUsers: string[];
  candidateStarterGroups: string[];
}

/** Row shape of `resource`. */
export interface ResourceRow {
  id: string;
  deploymentId: string;
  name: string;
  content: string;
  hash: string;
}

/** `deployment` table. */
export const DeploymentEntity = new EntitySchema<DeploymentRow>({
  name: 'deployment',
  tableName: 'deployment',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text', nullable: true },
    source: { type: 'text', nullable: true },
    deploymentTime: { type: 'timestamptz', name: 'deployment_time' },
    tenantId: { type: 'text', name: 'tenant_id', nullable: true },
  },
});

/** `process_definition` table. */
export const ProcessDefinitionEntity = new EntitySchema<ProcessDefinitionRow>({
  name: 'process_definition',
  tableName: 'process_definition',
  columns: {
    id: { type: 'text', primary: true },
    key: { type: 'text' },
    version: { type: 'integer' },
    versionTag: { type: 'text', name: 'version_tag', nullable: true },
    name: { type: 'text', nullable: true },
    deploymentId: { type: 'text', name: 'deployment_id' },
    resourceName: { type: 'text', name: 'resource_name' },
    isExecutable: { type: 'boolean', name: 'is_executable' },
    suspended: { type: 'boolean' },
    tenantId: { type: 'text', name: 'tenant_id', nullable: true },
    startableInTasklist: { type: 'boolean', name: 'startable_in_tasklist', default: true },
    candidateStarterUsers: { type: 'text', array: true, name: 'candidate_starter_users', default: () => `'{}'` },
    candidateStarterGroups: { type: 'text', array: true, name: 'candidate_starter_groups', default: () => `'{}'` },
  },
});

/** `resource` table. */
export const ResourceEntity = new EntitySchema<ResourceRow>({
  name: 'resource',
  tableName: 'resource',
  columns: {
    id: { type: 'text', primary: true },
    deploymentId: { type: 'text', name: 'deployment_id' },
    name: { type: 'text' },
    content: { type: 'text' },
    hash: { type: 'text' },
  },
});

/** Every entity schema, for the DataSource. */
export const entities = [DeploymentEntity, ProcessDefinitionEntity, ResourceEntity];
