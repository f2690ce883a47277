/**
 * Message correlation and signal broadcast. Both run in one transaction: candidate
 * subscriptions are looked up unlocked, then their instances are locked in (root instance, id)
 * order — every lock takes the call tree's root first, so this is the one order in which two
 * correlations or broadcasts never deadlock — re-checked under the lock, delivered to and
 * flushed together (call activities settle across them); start events start new instances. A concurrent or repeated correlation finds the subscription gone
 * under the lock, so one message never creates two tokens.
 */
import { BatonError, InvalidRequestError, NotFoundError } from '../errors';
import type { StoreTransaction } from '../persistence/port';
import type { EventSubscriptionRecord, EventSubscriptionType, JobRecord } from '../persistence/records';
import { TableChangeTracker } from '../persistence/change-set';
import type { VariableMap } from '../variables/typed-value';
import { jobOnlyChanges, type CommandRunner, type InstanceResult } from './command-runner';
import { matchesCorrelationKeys } from './event-delivery';
import type { ProcessExecution } from './process-execution';

/** Camunda's CorrelationMessageDto, as the engine takes it. */
export interface CorrelationRequest {
  readonly messageName: string;
  readonly businessKey?: string | null;
  readonly processInstanceId?: string | null;
  readonly correlationKeys?: VariableMap;
  readonly localCorrelationKeys?: VariableMap;
  readonly processVariables?: VariableMap;
  readonly processVariablesLocal?: VariableMap;
  /** Correlate to every match (true) or exactly one (false: none or several is an error). */
  readonly all?: boolean;
  readonly tenantId?: string | null;
  /** Checks access before anything is delivered (throw to refuse; the transaction rolls back). */
  readonly authorize?: Authorize;
}

/** An access check per matched definition key: `starts` when the match would start a new instance. */
export type Authorize = (definitionKey: string, starts: boolean) => void;

/** One correlated subscription: a waiting execution, or a start event that started an instance. */
export interface CorrelationResult {
  readonly resultType: 'Execution' | 'ProcessDefinition';
  /** The token or scope instance that received the message (Camunda's execution id); null for started instances. */
  readonly executionId: string | null;
  readonly instance: InstanceResult;
}

/** A signal, as `POST /signal` and signal throw events send it. */
export interface SignalRequest {
  readonly name: string;
  readonly variables?: VariableMap;
  /** Only this execution's subscription (a token or scope instance id). */
  readonly executionId?: string | null;
  readonly tenantId?: string | null;
  /** As for correlation. */
  readonly authorize?: Authorize;
}

/** A correlation inside the transaction, before publishing. */
interface Correlated {
  readonly resultType: 'Execution' | 'ProcessDefinition';
  readonly executionId: string | null;
  readonly ws: ProcessExecution['ws'];
  readonly execution: ProcessExecution;
}

interface Match {
  readonly execution: ProcessExecution;
  readonly sub: EventSubscriptionRecord;
}

/** Message and signal commands of the engine. */
export class EventCommands {
  constructor(private readonly r: CommandRunner) {}

  /** Correlates a message (Camunda's POST /message). */
  async correlate(req: CorrelationRequest): Promise<CorrelationResult[]> {
    if (!req.messageName) throw new InvalidRequestError('No message name given: messageName is required');
    const results = await this.r.store.transaction(async (tx) => {
      const candidates = await tx.findEventSubscriptions({
        eventType: 'message', eventName: req.messageName, includeStarts: true,
        ...(req.processInstanceId ? { instanceId: req.processInstanceId } : {}),
        ...(req.businessKey ? { businessKey: req.businessKey } : {}),
        ...(req.tenantId !== undefined ? { tenantId: req.tenantId } : {}),
      });
      const waiting = (await this.lockedMatches(tx, candidates, 'message', req.messageName)).filter(({ execution, sub }) =>
        (!req.businessKey || execution.ws.instance.businessKey === req.businessKey)
        && matchesCorrelationKeys(execution, sub, req.correlationKeys ?? {}, req.localCorrelationKeys ?? {}));
      const starts = await this.startable(candidates);
      const flushed = async (out: Correlated[]) => {
        await this.r.flushAll(tx, [...new Set(out.map((c) => c.execution))]);
        return out;
      };
      const check = (chosen: { waiting: Match[]; starts: EventSubscriptionRecord[] }) => authorizeAll(req.authorize, chosen.waiting, chosen.starts);
      if (req.all) check({ waiting, starts });
      else if (waiting.length === 1) check({ waiting, starts: [] });
      else if (waiting.length === 0 && starts.length === 1) check({ waiting: [], starts });
      if (req.all) return flushed([...this.deliver(waiting, req), ...(await this.startAll(starts, req))]);
      if (waiting.length > 1) {
        throw new BatonError('MESSAGE_AMBIGUOUS', `Cannot correlate message '${req.messageName}': ${waiting.length} executions match the correlation keys`);
      }
      if (waiting.length === 1) return flushed(this.deliver(waiting, req));
      if (starts.length > 1) {
        throw new BatonError('MESSAGE_AMBIGUOUS', `Cannot correlate a message with name '${req.messageName}' to a single process definition: ${starts.length} process definitions can be started by this message`);
      }
      if (starts.length === 1) return flushed(await this.startAll(starts, req));
      throw new BatonError('MESSAGE_NOT_CORRELATED', `Cannot correlate message '${req.messageName}': No process definition or execution matches the parameters`);
    });
    const published = new Map<ProcessExecution['ws'], InstanceResult>();
    for (const { ws } of results) if (!published.has(ws)) published.set(ws, this.r.publish({ ws }));
    return results.map(({ resultType, executionId, ws }) => ({ resultType, executionId, instance: published.get(ws)! }));
  }

  /** Broadcasts a signal (Camunda's POST /signal) to every subscription and signal start event. */
  async signal(req: SignalRequest): Promise<void> {
    if (!req.name) throw new InvalidRequestError('No signal name given: name is required');
    const published = await this.r.store.transaction(async (tx) => {
      const candidates = await tx.findEventSubscriptions({
        eventType: 'signal', eventName: req.name, includeStarts: !req.executionId,
        ...(req.executionId ? { executionId: req.executionId } : {}),
        ...(req.tenantId !== undefined ? { tenantId: req.tenantId } : {}),
      });
      if (req.executionId && candidates.length === 0) {
        throw new InvalidRequestError(`Cannot deliver signal '${req.name}': execution '${req.executionId}' has no subscription to it`);
      }
      return this.broadcast(tx, candidates, req, null);
    });
    for (const ws of published) this.r.publish(ws);
  }

  /** Delivers a message to one execution's subscription (Camunda's POST /execution/{id}/messageSubscriptions/{name}/trigger). */
  async triggerMessageSubscription(executionId: string, messageName: string, variables: VariableMap = {}, authorize?: Authorize): Promise<InstanceResult> {
    const missing = () => new NotFoundError(`Execution '${executionId}' has no subscription to message '${messageName}'`);
    const ws = await this.r.store.transaction(async (tx) => {
      const candidates = await tx.findEventSubscriptions({ eventType: 'message', eventName: messageName, executionId });
      const [match] = (await this.lockedMatches(tx, candidates, 'message', messageName))
        .filter(({ sub }) => sub.tokenId === executionId || (sub.tokenId === null && sub.scopeInstanceId === executionId));
      if (!match) throw missing();
      authorizeAll(authorize, [match], []);
      if (!match.execution.deliverEvent(match.sub.id, variables)) throw missing();
      await this.r.flushAll(tx, match.execution);
      return match.execution.ws;
    });
    return this.r.publish({ ws });
  }

  /** Runs a signal-broadcast job: delivers a signal a process threw to the other instances and the start events. */
  async runSignalJob(jobId: string): Promise<boolean> {
    const published = await this.r.store.transaction(async (tx) => {
      const job = await tx.lockJob(jobId);
      if (!job?.payload.signal) return null;
      const { name, thrownAt, sourceInstanceId } = job.payload.signal;
      // Within the thrower's tenant (instances without a tenant: everyone without one).
      const candidates = await tx.findEventSubscriptions({ eventType: 'signal', eventName: name, includeStarts: true, createdBefore: new Date(thrownAt), tenantId: job.tenantId });
      const others = candidates.filter((c) => c.instanceId !== sourceInstanceId);
      const delivered = await this.broadcast(tx, others, { name }, job);
      const jobs = new TableChangeTracker<JobRecord>();
      jobs.delete(job.id);
      await tx.flush(jobOnlyChanges(jobs));
      return delivered;
    });
    for (const ws of published ?? []) this.r.publish(ws);
    return published !== null;
  }

  private async broadcast(tx: StoreTransaction, candidates: EventSubscriptionRecord[], req: SignalRequest, job: JobRecord | null): Promise<Array<{ ws: ProcessExecution['ws'] }>> {
    const thrownAt = job?.payload.signal ? new Date(job.payload.signal.thrownAt) : null;
    const matches = (await this.lockedMatches(tx, candidates, 'signal', req.name))
      .filter(({ sub }) => (!req.executionId || sub.tokenId === req.executionId || sub.scopeInstanceId === req.executionId) && (!thrownAt || sub.created <= thrownAt));
    const starts = await this.startable(candidates);
    authorizeAll(req.authorize, matches, starts);
    const touched: ProcessExecution[] = [];
    for (const execution of new Set(matches.map((m) => m.execution))) {
      for (const { sub } of matches.filter((m) => m.execution === execution)) execution.deliverEvent(sub.id, req.variables ?? {});
      touched.push(execution);
    }
    for (const start of starts) {
      touched.push(await this.startAt(start, null, req.variables ?? {}, job !== null));
    }
    await this.r.flushAll(tx, touched, job !== null);
    return touched.map((e) => ({ ws: e.ws }));
  }

  /** Locks the candidates' instances in id order and returns their live, active subscriptions of that name. */
  private async lockedMatches(tx: StoreTransaction, candidates: EventSubscriptionRecord[], type: EventSubscriptionType, name: string): Promise<Match[]> {
    const order = new Map<string, string>();
    for (const c of candidates) if (c.instanceId) order.set(c.instanceId, `${c.rootInstanceId ?? c.instanceId}\u0000${c.instanceId}`);
    const ids = [...order.keys()].sort((a, b) => (order.get(a)! < order.get(b)! ? -1 : 1));
    const matches: Match[] = [];
    for (const id of ids) {
      const execution = await this.r.load(tx, id);
      // Suspended instances do not receive messages or signals, as in Camunda 7.
      if (!execution || execution.ws.instance.suspended) continue;
      for (const sub of execution.ws.eventSubscriptions.values()) {
        if (sub.eventType === type && sub.eventName === name) matches.push({ execution, sub });
      }
    }
    return matches;
  }

  /** Delivers the message to each match (the caller flushes every instance once). */
  private deliver(matches: Match[], req: CorrelationRequest): Correlated[] {
    const out: Correlated[] = [];
    for (const { execution, sub } of matches) {
      if (!execution.deliverEvent(sub.id, req.processVariables ?? {}, req.processVariablesLocal ?? {})) continue;
      out.push({ resultType: 'Execution', executionId: sub.tokenId ?? sub.scopeInstanceId, ws: execution.ws, execution });
    }
    return out;
  }

  private async startAll(starts: EventSubscriptionRecord[], req: CorrelationRequest): Promise<Correlated[]> {
    const out: Correlated[] = [];
    for (const start of starts) {
      const started = await this.startAt(start, req.businessKey ?? null, req.processVariables ?? {}, false);
      out.push({ resultType: 'ProcessDefinition', executionId: null, ws: started.ws, execution: started });
    }
    return out;
  }

  /**
   * The start event subscriptions among the candidates whose definitions are not suspended. The
   * stored record decides, not the cached one: another node may have suspended the definition.
   */
  private async startable(candidates: readonly EventSubscriptionRecord[]): Promise<EventSubscriptionRecord[]> {
    const out: EventSubscriptionRecord[] = [];
    for (const c of candidates) {
      if (c.instanceId !== null) continue;
      const current = await this.r.store.reads.getDefinition(c.definitionId);
      if (current && !current.suspended) out.push(c);
    }
    return out;
  }

  /** Starts an instance at a message or signal start event (flushed by the caller). */
  private async startAt(start: EventSubscriptionRecord, businessKey: string | null, variables: VariableMap, failOnError: boolean): Promise<ProcessExecution> {
    const loaded = await this.r.definitions.get(start.definitionId);
    const execution = this.r.newInstance(loaded, businessKey, variables, failOnError);
    execution.ws.emit('event.received', start.activityId, start.eventName);
    execution.startInstance(start.activityId);
    return execution;
  }
}

function authorizeAll(authorize: Authorize | undefined, waiting: Match[], starts: EventSubscriptionRecord[]): void {
  if (!authorize) return;
  for (const key of new Set(waiting.map((m) => m.execution.ws.instance.definitionKey))) authorize(key, false);
  for (const key of new Set(starts.map((s) => s.definitionKey))) authorize(key, true);
}
