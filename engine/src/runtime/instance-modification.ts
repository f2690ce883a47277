/**
 * Process instance modification (Camunda 7's `POST /process-instance/{id}/modification`): start
 * tokens before or after an activity or on a sequence flow, cancel activity instances, all
 * instances of an activity, or transition instances (tokens waiting for an async continuation).
 * Instructions run in order, each immediately (a started token runs until it rests before the
 * next instruction), all in one command. A scope left without tokens by a cancellation is
 * cancelled too; an instance left without tokens at the end is externally terminated.
 */
import { InvalidRequestError } from '../errors';
import type { FlowNode } from '../model/executable-model';
import type { TokenRecord } from '../persistence/records';
import type { VariableMap } from '../variables/typed-value';
import type { ProcessExecution } from './process-execution';

/** One instruction, as Camunda's ProcessInstanceModificationInstructionDto. */
export type ModificationInstruction =
  | (StartInstruction & { readonly type: 'startBeforeActivity' | 'startAfterActivity'; readonly activityId: string })
  | (StartInstruction & { readonly type: 'startTransition'; readonly transitionId: string })
  | {
      readonly type: 'cancel';
      readonly activityId?: string;
      readonly activityInstanceId?: string;
      readonly transitionInstanceId?: string;
    };

/** What every start instruction may carry. */
export interface StartInstruction {
  /** The scope instance (sub-process instance) to start in, when the enclosing sub-process runs more than once. */
  readonly ancestorActivityInstanceId?: string;
  /** Set with Camunda's propagation from the scope instance the token starts in. */
  readonly variables?: VariableMap;
  /** Set on exactly that scope instance. */
  readonly localVariables?: VariableMap;
}

/** Options of a modification. */
export interface ModificationOptions {
  /** Execution and task listeners do not run for anything the modification starts or cancels. */
  readonly skipCustomListeners?: boolean;
  /** Input/output mappings are not applied for anything the modification starts or cancels. */
  readonly skipIoMappings?: boolean;
  readonly annotation?: string | null;
}

/** The run-loop operations a modification needs (provided by ProcessExecution). */
export interface ModificationHooks {
  /** A new ready token (flowId: the flow it arrives by) and a run until everything rests. */
  startAndRun(elementId: string, scopeInstanceId: string, flowId: string | null): void;
}

/** Applies the instructions in order. */
export function applyModification(e: ProcessExecution, instructions: readonly ModificationInstruction[], hooks: ModificationHooks): void {
  instructions.forEach((instruction, index) => {
    if (e.ws.ended) throw bad(index, 'the process instance has already ended');
    if (instruction.type === 'cancel') cancel(e, instruction, index);
    else start(e, instruction, index, hooks);
  });
}

function start(e: ProcessExecution, i: Exclude<ModificationInstruction, { type: 'cancel' }>, index: number, hooks: ModificationHooks): void {
  let node: FlowNode;
  let flowId: string | null = null;
  if (i.type === 'startTransition' || i.type === 'startAfterActivity') {
    const flow = i.type === 'startTransition' ? e.model.flows.get(i.transitionId) : singleOutgoing(e, i.activityId, index);
    if (!flow) throw bad(index, `sequence flow '${(i as { transitionId: string }).transitionId}' does not exist in process '${e.model.key}'`);
    node = element(e, flow.targetId, index);
    flowId = flow.id;
  } else node = element(e, i.activityId, index);
  const scopeInstanceId = scopeInstanceFor(e, node, i.ancestorActivityInstanceId, index);
  if (i.variables) e.variables.setAll(scopeInstanceId, i.variables);
  if (i.localVariables) e.variables.setAllLocal(scopeInstanceId, i.localVariables);
  if (flowId) e.ws.emit('flow.taken', flowId);
  hooks.startAndRun(node.id, scopeInstanceId, flowId);
}

function singleOutgoing(e: ProcessExecution, activityId: string, index: number) {
  const node = element(e, activityId, index);
  if (node.outgoing.length !== 1) throw bad(index, `activity '${activityId}' has ${node.outgoing.length} outgoing sequence flows; startAfterActivity needs exactly one`);
  return e.model.flows.get(node.outgoing[0]!);
}

function element(e: ProcessExecution, id: string, index: number): FlowNode {
  const node = e.model.elements.get(id);
  if (!node) throw bad(index, `activity '${id}' does not exist in process '${e.model.key}'`);
  return node;
}

/**
 * The scope instance a started token lives in. Why no instantiation of missing enclosing
 * sub-processes (Camunda does it): it needs the scope's own start-up (history, event
 * sub-process timers) outside the run loop; until then, start the sub-process itself instead.
 */
function scopeInstanceFor(e: ProcessExecution, node: FlowNode, ancestor: string | undefined, index: number): string {
  if (node.scopeId === e.model.key) return e.ws.instance.id;
  const scopes = e.ws.instance.scopes;
  const within = (scopeId: string): boolean => {
    for (let s = scopes.find((x) => x.id === scopeId); s; s = scopes.find((x) => x.id === s!.parentScopeInstanceId)) if (s.id === ancestor) return true;
    return false;
  };
  const candidates = scopes.filter((s) => s.elementId === node.scopeId && (!ancestor || within(s.id)));
  if (candidates.length === 1) return candidates[0]!.id;
  if (candidates.length === 0) throw bad(index, `no active instance of sub-process '${node.scopeId}' to start '${node.id}' in; start the sub-process itself`);
  throw bad(index, `sub-process '${node.scopeId}' has ${candidates.length} active instances: give ancestorActivityInstanceId`);
}

function cancel(e: ProcessExecution, i: Extract<ModificationInstruction, { type: 'cancel' }>, index: number): void {
  const tokens = e.ws.instance.tokens;
  let victims: TokenRecord[];
  if (i.activityInstanceId) {
    const scope = e.ws.instance.scopes.find((s) => s.id === i.activityInstanceId);
    victims = scope ? tokens.filter((t) => t.id === scope.hostTokenId) : tokens.filter((t) => t.activityInstanceId === i.activityInstanceId && !t.async);
    if (i.activityInstanceId === e.ws.instance.id) victims = e.tokensInScope(e.ws.instance.id);
  } else if (i.transitionInstanceId) {
    victims = tokens.filter((t) => t.async && (t.id === i.transitionInstanceId || t.activityInstanceId === i.transitionInstanceId));
  } else if (i.activityId) {
    victims = tokens.filter((t) => t.elementId === i.activityId);
  } else throw bad(index, 'a cancel instruction needs activityId, activityInstanceId or transitionInstanceId');
  if (victims.length === 0) throw bad(index, `nothing to cancel for ${JSON.stringify(i)}`);
  for (const token of victims) {
    if (!tokens.includes(token)) continue;
    const scopeId = token.scopeInstanceId;
    e.terminateToken(token);
    cancelEmptyScopes(e, scopeId);
  }
}

/** A sub-process instance whose last token was cancelled is cancelled too, upwards. */
function cancelEmptyScopes(e: ProcessExecution, scopeId: string): void {
  for (let id = scopeId; id !== e.ws.instance.id && e.tokensInScope(id).length === 0; ) {
    const scope = e.ws.instance.scopes.find((s) => s.id === id);
    const host = scope && e.ws.instance.tokens.find((t) => t.id === scope.hostTokenId);
    if (!host) return;
    id = host.scopeInstanceId;
    e.terminateToken(host);
  }
}

function bad(index: number, why: string): InvalidRequestError {
  return new InvalidRequestError(`Modification instruction ${index + 1} cannot be executed: ${why}`);
}
