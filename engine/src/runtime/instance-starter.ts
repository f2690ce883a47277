/**
 * Starting process instances: by key (the latest version, cached; see latest-definitions.ts),
 * by definition id, or from a definition record the caller just read. A start runs the new
 * instance to its first wait state and flushes it in one transaction.
 */
import { BatonError, InvalidRequestError, NotFoundError, StaleDefinitionError } from '../errors';
import type { PersistencePort } from '../persistence/port';
import type { ProcessDefinitionRecord } from '../persistence/records';
import type { VariableMap } from '../variables/typed-value';
import type { CommandRunner, InstanceResult } from './command-runner';
import type { DefinitionCache, LoadedDefinition } from './definition-cache';
import { HandlersRefused } from './delegate-invocation';
import { LatestDefinitions } from './latest-definitions';
import type { ProcessExecution } from './process-execution';
import { instanceFacts, logUserOperation } from './user-operation-log';

/** How to start an instance: by key (latest version) or by definition id. */
export interface StartRequest {
  readonly key?: string;
  readonly definitionId?: string;
  /**
   * The definition as just read from the store by the caller (the REST API reads it to check
   * permissions): the engine then does not read it again. Never a cached record: the stored
   * one decides whether the definition is suspended (another node may have suspended it).
   */
  readonly definition?: ProcessDefinitionRecord;
  readonly businessKey?: string | null;
  readonly variables?: VariableMap;
  /** Camunda's start flags: no custom listeners / no input-output mappings while the start runs. */
  readonly skipCustomListeners?: boolean;
  readonly skipIoMappings?: boolean;
}

/** Starts instances for the Engine; owns the cache of latest versions by key. */
export class InstanceStarter {
  /** The latest version per key; the Engine clears entries when it deploys, suspends or deletes. */
  readonly latest = new LatestDefinitions();

  constructor(
    private readonly store: PersistencePort,
    private readonly definitions: DefinitionCache,
    private readonly runner: CommandRunner,
    private readonly clock: () => Date,
  ) {}

  /** Starts a process instance; runs it to its first wait state within the same transaction. */
  async start(request: StartRequest): Promise<InstanceResult> {
    const byKey = request.key !== undefined && !request.definitionId && !request.definition;
    const cached = byKey ? this.latest.candidate(request.key!) : undefined;
    if (cached) {
      const result = await this.startUnverified(request, cached);
      if (result) return result;
    }
    const { loaded, current } = await this.resolveDefinition(request);
    if (!current.isExecutable) {
      throw new BatonError('NOT_STARTABLE', `Process definition '${current.id}' is not executable (isExecutable="false")`);
    }
    if (current.suspended) throw new BatonError('NOT_STARTABLE', `Process definition '${current.id}' is suspended`);
    if (byKey) this.latest.remember(current);
    const execution = this.newStart(loaded, request);
    await this.store.transaction((tx) => this.runner.flushAll(tx, execution));
    return this.runner.publish(execution);
  }

  /**
   * A start by key on the cached latest version, verified only by its flush (see
   * latest-definitions.ts); null when it has to go the verified way: it reached a handler or a
   * call activity, failed (the error is the verified start's to give), or the version is stale.
   */
  private async startUnverified(request: StartRequest, record: ProcessDefinitionRecord): Promise<InstanceResult | null> {
    let execution: ProcessExecution;
    try {
      execution = this.newStart(await this.definitions.get(record.id), request, true);
    } catch (err) {
      if (err instanceof HandlersRefused) this.latest.markHandlers(record.id);
      return null;
    }
    if (execution.callRequests.length > 0) {
      this.latest.markHandlers(record.id);
      return null;
    }
    try {
      await this.store.transaction(async (tx) => {
        tx.expectLatestStartable(record);
        await this.runner.flushAll(tx, execution);
      });
    } catch (err) {
      if (!(err instanceof StaleDefinitionError)) throw err;
      this.latest.forgetKeys([record.key]);
      return null;
    }
    return this.runner.publish(execution);
  }

  /** A new instance run to its first wait state, in memory (not flushed yet). */
  private newStart(loaded: LoadedDefinition, request: StartRequest, refuseHandlers = false): ProcessExecution {
    const execution = this.runner.newInstance(loaded, request.businessKey ?? null, request.variables ?? {});
    execution.refuseHandlers = refuseHandlers;
    execution.skipCustomListeners = request.skipCustomListeners === true;
    execution.skipIoMappings = request.skipIoMappings === true;
    execution.startInstance();
    const ws = execution.ws;
    logUserOperation(ws.userOperations, { operationType: 'Create', entityType: 'ProcessInstance', category: 'Operator', ...instanceFacts(ws.instance) }, [], this.clock());
    return execution;
  }

  /**
   * The definition to start (cached model) and its current record. Why both: the cache holds a
   * record from when it was loaded, but suspension can change on another node; the stored
   * record is what decides whether an instance may start.
   */
  private async resolveDefinition(request: StartRequest): Promise<{ loaded: LoadedDefinition; current: ProcessDefinitionRecord }> {
    if (request.definition) return { loaded: await this.definitions.get(request.definition.id), current: request.definition };
    if (!request.definitionId && !request.key) throw new InvalidRequestError('Either a process definition key or id is required');
    const reads = this.store.reads;
    const current = request.definitionId ? await reads.getDefinition(request.definitionId) : await reads.latestDefinitionByKey(request.key!);
    if (!current) {
      throw new NotFoundError(request.definitionId ? `No process definition with id '${request.definitionId}'` : `No matching process definition with key: ${request.key} and no tenant-id`);
    }
    return { loaded: await this.definitions.get(current.id), current };
  }
}
