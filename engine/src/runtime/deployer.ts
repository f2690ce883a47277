/**
 * Deployments: parse and validate every BPMN resource first (nothing is stored when one is
 * rejected), then assign versions per process key under a lock and store everything in one
 * transaction. `deployChangedOnly` compares resource hashes with the latest deployment of the
 * same name, as Camunda 7's duplicate filtering does.
 */
import { createHash } from 'node:crypto';
import { BatonError, ModelValidationError, type ModelProblem } from '../errors';
import type { ExecutableProcess } from '../model/executable-model';
import { buildModel } from '../model/build-model';
import { parseBpmn } from '../parser/parse-bpmn';
import type { PersistencePort } from '../persistence/port';
import type { DeploymentRecord, JobRecord, ProcessDefinitionRecord, ResourceRecord } from '../persistence/records';
import type { DefinitionCache } from './definition-cache';
import { requireElement } from '../model/executable-model';
import { startSubscriptions, timerStartJobs } from './job-factory';
import type { HandlerRegistry } from '../delegates/handler-registry';
import { unregisteredHandlers } from '../delegates/handler-check';
import { jobOnlyChanges } from './command-runner';
import { logUserOperation } from './user-operation-log';
import { TableChangeTracker } from '../persistence/change-set';
import type { UserOperationLogRecord } from '../persistence/user-operation-record';

/** One file of a deployment. */
export interface DeploymentResource {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** What to deploy. */
export interface DeployRequest {
  readonly name?: string | null;
  readonly source?: string | null;
  readonly tenantId?: string | null;
  readonly deployChangedOnly?: boolean;
  readonly resources: readonly DeploymentResource[];
}

/** What was deployed: the deployment (new, or the existing one when nothing changed). */
export interface DeployResult {
  readonly deployment: DeploymentRecord;
  readonly resources: readonly ResourceRecord[];
  readonly definitions: readonly ProcessDefinitionRecord[];
  /** False when deployChangedOnly found nothing new. */
  readonly created: boolean;
}

interface PreparedResource {
  readonly name: string;
  readonly content: string;
  readonly hash: string;
  readonly processes: readonly ExecutableProcess[];
}

/**
 * True for resources stored base64-encoded (diagram images): the resource table holds text,
 * and decoding binary as UTF-8 would corrupt it.
 */
export function isBinaryResource(name: string): boolean {
  return /\.(png|jpe?g|gif)$/i.test(name);
}

/** The bytes of a stored resource. */
export function resourceBytes(resource: { readonly name: string; readonly content: string }): Buffer {
  return isBinaryResource(resource.name) ? Buffer.from(resource.content, 'base64') : Buffer.from(resource.content, 'utf8');
}

/** True for file names that hold BPMN XML. */
export function isBpmnResource(name: string): boolean {
  return /\.(bpmn|bpmn2|bpmn20\.xml)$/i.test(name);
}

/** Deploys resources; throws ModelValidationError/BatonError before writing anything. */
export async function deploy(
  store: PersistencePort, cache: DefinitionCache, request: DeployRequest, opts: { maxResourceBytes: number; newId: () => string; now: () => Date; handlers?: HandlerRegistry },
): Promise<DeployResult> {
  if (request.resources.length === 0) throw new BatonError('INVALID_REQUEST', 'A deployment needs at least one resource');
  const prepared: PreparedResource[] = [];
  for (const r of request.resources) prepared.push(await prepare(r, opts.maxResourceBytes, opts.handlers));
  checkDuplicateKeys(prepared);
  return store.transaction(async (tx) => {
    let toDeploy = prepared;
    if (request.deployChangedOnly && request.name) {
      const latest = await tx.latestResourcesOfDeploymentName(request.name);
      if (latest) {
        const known = new Map(latest.resources.map((r) => [r.name, r.hash]));
        toDeploy = prepared.filter((p) => known.get(p.name) !== p.hash);
        if (toDeploy.length === 0) return { deployment: latest.deployment, resources: latest.resources, definitions: [], created: false };
      }
    }
    const keys = toDeploy.flatMap((p) => p.processes.map((m) => m.key));
    await tx.lockDefinitionKeys(keys);
    const versions = await tx.latestVersions(keys);
    const deployment: DeploymentRecord = {
      id: opts.newId(), name: request.name ?? null, source: request.source ?? null, deploymentTime: opts.now(), tenantId: request.tenantId ?? null,
    };
    const resources = toDeploy.map((p) => ({ id: opts.newId(), deploymentId: deployment.id, name: p.name, content: p.content, hash: p.hash }));
    const definitions: Array<{ record: ProcessDefinitionRecord; model: ExecutableProcess }> = [];
    for (const p of toDeploy) {
      for (const model of p.processes) {
        const version = (versions.get(model.key) ?? 0) + 1;
        definitions.push({
          model,
          record: {
            id: `${model.key}:${version}:${opts.newId()}`, key: model.key, version, versionTag: model.versionTag, name: model.name,
            deploymentId: deployment.id, resourceName: p.name, isExecutable: model.isExecutable, suspended: false, tenantId: deployment.tenantId,
            startableInTasklist: model.startableInTasklist, candidateStarterUsers: model.candidateStarterUsers, candidateStarterGroups: model.candidateStarterGroups,
          },
        });
      }
    }
    const now = opts.now();
    const jobs = definitions.flatMap(({ record, model }) => {
      const starts = (model.scopes.get(model.key)?.timerStartEventIds ?? []).map((id) => requireElement(model, id));
      return record.isExecutable ? timerStartJobs(record, starts, opts.newId, now) : [];
    });
    const subscriptions = definitions.flatMap(({ record, model }) => {
      const starts = (model.scopes.get(model.key)?.eventStartEventIds ?? []).map((id) => requireElement(model, id));
      return record.isExecutable ? startSubscriptions(record, starts, opts.newId, now) : [];
    });
    // Timer start jobs and start subscriptions of older versions of these keys are removed by the store in the same transaction.
    await tx.insertDeployment({ deployment, resources, definitions: definitions.map((d) => d.record), timerStartJobs: jobs, startSubscriptions: subscriptions });
    const log: UserOperationLogRecord[] = [];
    logUserOperation(log, { operationType: 'Create', entityType: 'Deployment', category: 'Operator', deploymentId: deployment.id }, [{ property: 'duplicateFilterEnabled', newValue: Boolean(request.deployChangedOnly) }], now);
    if (log.length) await tx.flush(jobOnlyChanges(new TableChangeTracker<JobRecord>(), log));
    for (const d of definitions) cache.add(d.record, d.model);
    return { deployment, resources, definitions: definitions.map((d) => d.record), created: true };
  });
}

async function prepare(resource: DeploymentResource, maxBytes: number, handlers?: HandlerRegistry): Promise<PreparedResource> {
  if (!isBpmnResource(resource.name)) {
    const raw = typeof resource.content === 'string' ? Buffer.from(resource.content, 'utf8') : Buffer.from(resource.content);
    if (raw.byteLength > maxBytes) throw new BatonError('BPMN_TOO_LARGE', `Resource '${resource.name}' exceeds ${maxBytes} bytes`);
    const content = isBinaryResource(resource.name) ? raw.toString('base64') : raw.toString('utf8');
    return { name: resource.name, content, hash: sha256(content), processes: [] };
  }
  const parsed = await parseBpmn(resource.content, resource.name, maxBytes);
  const built = buildModel(parsed.definitions);
  // Handler names are checked against the registry here, not in buildModel: a stored model is
  // rebuilt after a restart whatever is registered then (a missing handler is an incident).
  const handlerProblems = handlers ? built.processes.filter((p) => p.isExecutable).flatMap((p) => unregisteredHandlers(p, handlers)) : [];
  const problems = [...built.problems, ...handlerProblems];
  if (problems.length > 0) throw new ModelValidationError(resource.name, problems);
  if (built.processes.length === 0) {
    throw new ModelValidationError(resource.name, [{ elementId: null, reason: 'contains no bpmn:process' }]);
  }
  return { name: resource.name, content: parsed.xml, hash: sha256(parsed.xml), processes: built.processes };
}

function checkDuplicateKeys(prepared: readonly PreparedResource[]): void {
  const seen = new Map<string, string>();
  const problems: ModelProblem[] = [];
  for (const p of prepared) {
    for (const m of p.processes) {
      const other = seen.get(m.key);
      if (other) problems.push({ elementId: m.key, reason: `process key also defined in resource '${other}'` });
      seen.set(m.key, p.name);
    }
  }
  if (problems.length > 0) throw new ModelValidationError(prepared.map((p) => p.name).join(', '), problems);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
