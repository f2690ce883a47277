/**
 * Call activities across instances, inside one command (one transaction). Behaviors only
 * record what they need (`callRequests`); after the command's work ran, `settle` handles the
 * requests until nothing is left, over every instance the command touches:
 *
 * - start: resolve the called definition (binding), create the child instance (super/root
 *   instance ids, call depth) and run it to its first wait state, within the parent's command;
 * - a child ended normally: apply the `camunda:out` mappings to the parent and trigger its call
 *   activity token, within the child's command, as Camunda 7 does it synchronously;
 * - cancel: a call activity token was terminated (instance deleted, interrupting boundary
 *   event, terminate end event): the child is cancelled, recursively;
 * - a child deleted from outside: the parent's call activity instance is cancelled (Camunda 7
 *   cancels the super execution's activity instance); an instance left without tokens ends
 *   as externally terminated.
 *
 * The loop is iterative on purpose: a call activity cycle (A calls A) without wait states grows
 * a list, never the stack, until the call depth limit turns it into an incident.
 *
 * Locks: every instance of one call tree is locked root first (see StoreTransaction.lockInstance),
 * so a child completing its parent (child → parent) and a parent cancelling its children
 * (parent → child) serialize on the root row and cannot deadlock.
 *
 * Errors: a BPMN error the child does not catch ends the child and is thrown at the parent's
 * call activity token (`childEnded`), so boundary events on the call activity catch it.
 */
import { BatonError } from '../errors';
import type { CalledProcessRequest, ThrownEvent } from '../behaviors/context';
import { mapVariables } from '../behaviors/tasks/call-activity-mappings';
import { requireElement } from '../model/executable-model';
import type { StoreTransaction } from '../persistence/port';
import type { TokenRecord } from '../persistence/records';
import type { TypedValue, VariableMap } from '../variables/typed-value';
import type { CommandRunner } from './command-runner';
import type { LoadedDefinition } from './definition-cache';
import type { ProcessExecution } from './process-execution';
import type { VariableScopes } from './variable-scopes';
import type { WorkingSet } from './working-set';

/** Default maximum nesting of called instances below a root instance. */
export const DEFAULT_CALL_DEPTH_LIMIT = 32;

/** Cross-instance work a behavior asked for during a command. */
export type CallRequest =
  | { readonly kind: 'start'; readonly tokenId: string; readonly activityInstanceId: string; readonly request: CalledProcessRequest }
  | { readonly kind: 'cancel'; readonly instanceId: string }
  /** An escalation the called instance did not catch, thrown at the calling activity of its super instance. */
  | { readonly kind: 'escalate'; readonly calledInstanceId: string; readonly superInstanceId: string; readonly event: ThrownEvent };

/** Settles the call activity work of one command. */
export class CalledInstances {
  private readonly executions = new Map<string, ProcessExecution>();
  private readonly cancelledFromAbove = new Set<string>();
  private readonly endsHandled = new Set<string>();

  constructor(
    private readonly runner: CommandRunner,
    private readonly tx: StoreTransaction,
    private readonly failOnError: boolean,
  ) {}

  /**
   * Handles requests until none is left; returns every execution to flush (the given ones
   * first). Several executions of one command (a signal reaching a parent and its child) must be
   * settled together, so that an instance is never loaded twice in one transaction.
   */
  async settle(...executions: ProcessExecution[]): Promise<ProcessExecution[]> {
    for (const e of executions) this.executions.set(e.ws.instance.id, e);
    for (let step = this.nextStep(); step; step = this.nextStep()) await step();
    return [...this.executions.values()];
  }

  private nextStep(): (() => Promise<void>) | null {
    for (const e of this.executions.values()) {
      const request = e.callRequests.shift();
      if (request) {
        if (request.kind === 'start') return () => this.start(e, request);
        if (request.kind === 'escalate') return () => this.escalate(request);
        return () => this.cancel(request.instanceId);
      }
      const i = e.ws.instance;
      if (e.ws.ended && i.superInstanceId && !this.endsHandled.has(i.id)) {
        this.endsHandled.add(i.id);
        return () => this.childEnded(e);
      }
    }
    return null;
  }

  private async start(parent: ProcessExecution, r: Extract<CallRequest, { kind: 'start' }>): Promise<void> {
    const token = parent.token(r.tokenId);
    // The token may have left meanwhile (an interrupting event in the same command).
    if (!token || token.status !== 'waiting' || token.activityInstanceId !== r.activityInstanceId) return;
    const node = requireElement(parent.model, token.elementId);
    try {
      const depth = (parent.ws.instance.callDepth ?? 0) + 1;
      if (depth > this.runner.callDepthLimit) {
        throw new BatonError(
          'CALL_DEPTH_EXCEEDED',
          `Call activity '${node.id}' cannot start process '${r.request.key}': ${this.runner.callDepthLimit} nested called process instances is the limit (a call activity cycle?)`,
        );
      }
      const loaded = await this.resolve(parent, node.id, r.request);
      const child = this.runner.newInstance(loaded, r.request.businessKey, r.request.variables, this.failOnError, { superInstance: parent.ws.instance, events: parent.ws.events });
      child.startInstance();
      token.calledInstanceId = child.ws.instance.id;
      // The call activity's history row is written by this same command (it was entered in it).
      const history = parent.ws.history.activityInserts.find((a) => a.id === token.activityInstanceId);
      if (history) history.calledInstanceId = child.ws.instance.id;
      this.executions.set(child.ws.instance.id, child);
    } catch (err) {
      if (!(err instanceof BatonError) || this.failOnError) throw err;
      parent.raiseIncident(token, err.code, err.message);
    }
  }

  /** The called definition by the binding; a missing or unstartable one fails the call (incident). */
  private async resolve(parent: ProcessExecution, elementId: string, r: CalledProcessRequest): Promise<LoadedDefinition> {
    const reads = this.runner.store.reads;
    const what = `Call activity '${elementId}' cannot start process '${r.key}'`;
    let candidates = await reads.definitionsByKey(r.key);
    if (r.binding === 'deployment') candidates = candidates.filter((d) => d.deploymentId === parent.definition.deploymentId);
    if (r.binding === 'version') candidates = candidates.filter((d) => d.version === r.version);
    if (r.binding === 'versionTag') candidates = candidates.filter((d) => d.versionTag === r.versionTag);
    const binding = r.binding === 'version' ? ` version ${r.version}` : r.binding === 'versionTag' ? ` with version tag '${r.versionTag}'` : r.binding === 'deployment' ? ' in the deployment of the calling process' : '';
    if (candidates.length === 0) throw new BatonError('CALLED_ELEMENT_NOT_FOUND', `${what}: no process definition with key '${r.key}'${binding} is deployed`);
    // Camunda 7 refuses an ambiguous version tag rather than guessing.
    if (r.binding === 'versionTag' && candidates.length > 1) {
      throw new BatonError('CALLED_ELEMENT_NOT_FOUND', `${what}: ${candidates.length} definitions with key '${r.key}' have version tag '${r.versionTag}'`);
    }
    const record = candidates[0]!;
    if (!record.isExecutable || record.suspended) {
      throw new BatonError('NOT_STARTABLE', `${what}: definition '${record.id}' is ${record.suspended ? 'suspended' : 'not executable'}`);
    }
    return this.runner.definitions.get(record.id);
  }

  /**
   * Camunda 7 propagates an uncaught escalation to the call activity: an interrupting catch there
   * cancels the call activity (and so the child); a non-interrupting one runs beside it. Uncaught
   * in the parent too, it goes on outward; the child's flow continues either way.
   */
  private async escalate(r: Extract<CallRequest, { kind: 'escalate' }>): Promise<void> {
    const parent = await this.execution(r.superInstanceId);
    const token = parent?.ws.instance.tokens.find((t) => t.calledInstanceId === r.calledInstanceId);
    if (!parent || parent.ws.ended || !token) return;
    parent.escalateAt(token, r.event);
  }

  private async cancel(instanceId: string): Promise<void> {
    const child = await this.execution(instanceId);
    if (!child || child.ws.ended) return;
    this.cancelledFromAbove.add(instanceId);
    child.cancelInstance(null);
  }

  private async childEnded(child: ProcessExecution): Promise<void> {
    const id = child.ws.instance.id;
    if (this.cancelledFromAbove.has(id)) return;
    const parent = await this.execution(child.ws.instance.superInstanceId!);
    const token = parent?.ws.instance.tokens.find((t) => t.calledInstanceId === id);
    if (!parent || parent.ws.ended || !token) return;
    delete token.calledInstanceId;
    if (child.propagatedError) {
      // An error the child did not catch: thrown at the call activity (boundary events, event sub-processes, further up).
      parent.throwAt(token, child.propagatedError);
      return;
    }
    const completed = child.ws.events.some((e) => e.instanceId === id && e.type === 'process.completed');
    if (!completed) {
      // Deleted from outside: Camunda 7 cancels the calling activity instance.
      parent.terminateToken(token);
      if (parent.ws.instance.tokens.length === 0) parent.cancelInstance(`called process instance ${id} was deleted`);
      return;
    }
    // An out mapping that fails (unknown variable in a sourceExpression) fails the child's
    // command as a whole, as in Camunda 7, where the mapping runs in the completing transaction.
    const spec = requireElement(parent.model, token.elementId).callActivity!;
    const source = {
      variables: (local: boolean) => visibleVariables(child.ws, child.variables, id, local),
      evaluate: (expression: Parameters<ProcessExecution['evaluate']>[0]) => child.evaluate(expression, rootToken(id)),
    };
    parent.variables.setAll(token.scopeInstanceId, mapVariables(spec.outputs.filter((m) => !m.local), source));
    parent.variables.setAllLocal(token.scopeInstanceId, mapVariables(spec.outputs.filter((m) => m.local), source));
    parent.trigger(token, { kind: 'calledProcessCompleted' });
  }

  /** An execution of this command, or the instance locked and loaded into it. */
  private async execution(instanceId: string): Promise<ProcessExecution | null> {
    const known = this.executions.get(instanceId);
    if (known) return known;
    const first = this.executions.values().next().value!;
    const loaded = await this.runner.load(this.tx, instanceId, this.failOnError, first.ws.events);
    if (loaded) this.executions.set(instanceId, loaded);
    return loaded;
  }
}

/**
 * Variables visible from a scope as typed values, nearest scope first. `local`: only the
 * scope's own. Why the scope instance and not the activity: Baton keeps no variables on a
 * call activity's own activity instance, so `local` means the scope the call activity is in.
 */
export function visibleVariables(ws: WorkingSet, scopes: VariableScopes, scopeId: string, local: boolean): VariableMap {
  const chain = local ? [scopeId] : scopes.chain(scopeId);
  const out: Record<string, TypedValue> = {};
  // Outermost scope first, so nearer scopes overwrite (shadow) outer variables of the same name.
  for (const id of [...chain].reverse()) for (const v of ws.variables.values()) if (v.scopeId === id) out[v.name] = { type: v.type, value: v.value };
  return out;
}

/** A stand-in token at an instance's root scope, for evaluating expressions there. */
function rootToken(instanceId: string): TokenRecord {
  return { id: instanceId, elementId: '', scopeInstanceId: instanceId, status: 'waiting', activityInstanceId: instanceId, flowId: null };
}
