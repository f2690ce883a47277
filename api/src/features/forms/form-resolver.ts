/**
 * Finds the form of a task or a start event: `camunda:formRef` (binding latest, deployment
 * or version), `camunda:formKey="camunda-forms:deployment:<file>.form"`, generated
 * `camunda:formData` fields, or none. Camunda Forms are `.form` resources deployed with
 * (or before) the process.
 */
import type { Engine, TaskRecord } from '@baton/engine';
import type { Pool } from 'pg';
import type { FormFieldSpec, FormJsSchema, ResolvedForm } from './form-types';

interface FormResource {
  readonly deploymentId: string;
  readonly name: string;
  readonly schema: FormJsSchema;
}

/** The form declaration of an element, as the model and task carry it. */
export interface FormDeclaration {
  readonly definitionId: string;
  readonly deploymentId: string;
  readonly formKey: string | null;
  readonly formRef: { readonly key: string; readonly binding: string; readonly version: string | null } | null;
  readonly fields: readonly FormFieldSpec[];
}

const DEPLOYMENT_PREFIX = 'camunda-forms:deployment:';

function parseSchema(content: string): FormJsSchema | null {
  try {
    const json = JSON.parse(content) as FormJsSchema;
    return json && typeof json === 'object' && Array.isArray(json.components) ? json : null;
  } catch {
    return null;
  }
}

/** Resolves forms against the deployed resources. */
export class FormResolver {
  constructor(
    private readonly engine: Engine,
    private readonly pool: Pool,
  ) {}

  /** The form of an open task. */
  async forTask(task: TaskRecord): Promise<ResolvedForm> {
    const loaded = await this.engine.definition(task.definitionId);
    const node = loaded.model.elements.get(task.taskDefinitionKey);
    return this.resolve({
      definitionId: task.definitionId, deploymentId: loaded.record.deploymentId,
      formKey: task.formKey, formRef: task.formRef, fields: node?.form?.fields ?? [],
    });
  }

  /** The start form of a process definition (its none start event's form). */
  async forStart(definitionId: string): Promise<ResolvedForm> {
    const loaded = await this.engine.definition(definitionId);
    const scope = loaded.model.scopes.get(loaded.model.key);
    const form = scope ? loaded.model.elements.get(scope.startEventId)?.form : null;
    return this.resolve({
      definitionId, deploymentId: loaded.record.deploymentId,
      formKey: form?.formKey ?? null, formRef: form?.formRef ?? null, fields: form?.fields ?? [],
    });
  }

  /** Resolves a declaration. */
  async resolve(d: FormDeclaration): Promise<ResolvedForm> {
    if (d.formRef) {
      const found = await this.byFormId(d.formRef.key, d.formRef.binding, d.formRef.version, d.deploymentId);
      if (found) return { kind: 'camunda-form', schema: found.schema, source: { deploymentId: found.deploymentId, resourceName: found.name } };
      return { kind: 'none', formKey: null, reason: `No deployed Camunda Form with id '${d.formRef.key}' (binding ${d.formRef.binding})` };
    }
    if (d.formKey?.startsWith(DEPLOYMENT_PREFIX)) {
      const name = d.formKey.slice(DEPLOYMENT_PREFIX.length);
      const rows = await this.pool.query('SELECT content FROM resource WHERE deployment_id = $1 AND name = $2', [d.deploymentId, name]);
      const schema = rows.rows[0] ? parseSchema(String(rows.rows[0].content)) : null;
      if (schema) return { kind: 'camunda-form', schema, source: { deploymentId: d.deploymentId, resourceName: name } };
      return { kind: 'none', formKey: d.formKey, reason: `No Camunda Form '${name}' in the process's deployment` };
    }
    if (d.fields.length > 0) return { kind: 'generated', fields: d.fields };
    // Embedded HTML forms and app forms (formKey "embedded:…", "app:…") are not rendered by
    // this tasklist: the variable editor stands in for them.
    return { kind: 'none', formKey: d.formKey, reason: d.formKey ? `Form key '${d.formKey}' is not a Camunda Form` : null };
  }

  /** Camunda Forms with this id in deployment order (oldest first = version 1). */
  private async byFormId(id: string, binding: string, version: string | null, deploymentId: string): Promise<FormResource | null> {
    // position() narrows the scan to resources mentioning the id; JSON parsing confirms it.
    const rows = await this.pool.query(
      `SELECT r.deployment_id, r.name, r.content FROM resource r JOIN deployment d ON d.id = r.deployment_id
       WHERE r.name LIKE '%.form' AND position($1 in r.content) > 0 ORDER BY d.deployment_time, d.id`,
      [`"${id}"`],
    );
    const versions: FormResource[] = [];
    for (const row of rows.rows) {
      const schema = parseSchema(String(row.content));
      if (schema?.id === id) versions.push({ deploymentId: String(row.deployment_id), name: String(row.name), schema });
    }
    if (binding === 'deployment') return versions.find((v) => v.deploymentId === deploymentId) ?? null;
    if (binding === 'version') return versions[Number(version) - 1] ?? null;
    return versions.at(-1) ?? null;
  }
}
