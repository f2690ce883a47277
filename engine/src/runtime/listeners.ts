/**
 * Execution listeners (start/end on flow nodes and the process, take on sequence flows) and
 * task listeners (create/assignment/complete/delete), run through the handler invocation. Each
 * run is logged as `listener.invoked` (detail: the event) before the listener runs.
 */
import type { DelegateTaskInfo } from '../delegates/delegate-execution';
import type { ExecutionListenerEvent, ListenerSpec, TaskListenerEvent } from '../model/delegation-model';
import type { ExecutableProcess, FlowNode, SequenceFlow } from '../model/executable-model';
import type { TaskRecord, TokenRecord } from '../persistence/records';
import { variableScopeOf } from './activity-scope';
import { invokeHandler, type DelegationHost } from './delegate-invocation';

function run(host: DelegationHost, specs: readonly ListenerSpec[] | undefined, event: string, token: TokenRecord, elementId: string, scopeId: string, extra: { transitionId?: string; task?: DelegateTaskInfo } = {}): void {
  if (host.skipCustomListeners) return;
  for (const spec of specs ?? []) {
    if (spec.event !== event) continue;
    host.ws.emit('listener.invoked', extra.transitionId ?? elementId, event);
    const target = { token, elementId, scopeId, eventName: event, transitionId: extra.transitionId ?? null, task: extra.task ?? null };
    invokeHandler(host, target, spec.ref, 'notify');
  }
}

/** `start` / `end` listeners of a flow node, in the token's variable scope. */
export function notifyNodeListeners(host: DelegationHost, node: FlowNode, token: TokenRecord, event: ExecutionListenerEvent): void {
  if (!node.listeners?.length) return;
  run(host, node.listeners, event, token, node.id, variableScopeOf(host.ws, token));
}

/** `take` listeners of a sequence flow the token leaves by. */
export function notifyTakeListeners(host: DelegationHost, flow: SequenceFlow, token: TokenRecord): void {
  if (!flow.listeners?.length) return;
  run(host, flow.listeners, 'take', token, token.elementId, token.scopeInstanceId, { transitionId: flow.id });
}

/** `start` / `end` listeners of the process itself, in the instance's scope. */
export function notifyProcessListeners(host: DelegationHost, model: ExecutableProcess, event: ExecutionListenerEvent): void {
  if (!model.listeners?.length) return;
  const id = host.ws.instance.id;
  const token: TokenRecord = { id, elementId: model.key, scopeInstanceId: id, status: 'ready', activityInstanceId: id, flowId: null };
  run(host, model.listeners, event, token, model.key, id);
}

/** Task listeners of the task's user task for `event`; variables are read and written from the task's scope. */
export function notifyTaskListeners(host: DelegationHost, node: FlowNode, token: TokenRecord, task: TaskRecord, event: TaskListenerEvent): void {
  if (!node.taskListeners?.length) return;
  const info: DelegateTaskInfo = {
    id: task.id, taskDefinitionKey: task.taskDefinitionKey, name: task.name, assignee: task.assignee, owner: task.owner, priority: task.priority,
  };
  run(host, node.taskListeners, event, token, node.id, task.id, { task: info });
}
