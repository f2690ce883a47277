/**
 * `timeout` task listeners: a timer job per listener (type `timer-task-listener`, as Camunda
 * names it) created with the task. When it fires while the task is still open, the listener
 * runs (a cycle re-arms); the task is not completed. The jobs leave with the task.
 */
import type { FlowNode } from '../model/executable-model';
import type { JobRecord, ProcessDefinitionRecord, TaskRecord, TokenRecord } from '../persistence/records';
import type { DelegationHost } from './delegate-invocation';
import { buildJob, evaluateTimer } from './job-factory';
import { notifyTaskListeners } from './listeners';
import type { WorkingSet } from './working-set';

/** What scheduling needs from the running command. */
export interface TimeoutHost extends DelegationHost {
  readonly definition: ProcessDefinitionRecord;
  newId(): string;
}

/** Creates the timer jobs of the task's timeout listeners. */
export function scheduleTaskTimeouts(host: TimeoutHost, node: FlowNode, token: TokenRecord, task: TaskRecord): void {
  for (const spec of node.taskListeners ?? []) {
    if (spec.event !== 'timeout' || !spec.timer || !spec.id) continue;
    const ctx = host.variables.expressionContext(token);
    const now = host.ws.time();
    const { dueAt, state } = evaluateTimer({ ...node, timer: spec.timer }, ctx, now);
    const owner = { definition: host.definition, instanceId: host.ws.instance.id, tokenId: token.id };
    const payload = { timer: state, taskId: task.id };
    const job = buildJob(owner, node, { type: 'timer-task-listener', config: spec.id, payload, dueAt }, ctx, () => host.newId(), now);
    job.suspended = host.ws.instance.suspended;
    host.ws.addJob(job);
    host.ws.emit('job.created', node.id, spec.id);
  }
}

/** Removes the timeout timers of a task that ended. */
export function dropTaskTimeouts(ws: WorkingSet, taskId: string): void {
  for (const job of [...ws.jobs.values()]) if (job.handlerType === 'timer-task-listener' && job.payload.taskId === taskId) ws.removeJob(job.id);
}

/** A timeout timer fired: runs its listener if the task is still open. Returns false when the task is gone. */
export function fireTaskTimeout(host: DelegationHost, node: FlowNode, token: TokenRecord, job: JobRecord): boolean {
  const task = host.ws.tasks.get(job.payload.taskId ?? '');
  if (!task) return false;
  const only = { ...node, taskListeners: (node.taskListeners ?? []).filter((l) => l.event === 'timeout' && l.id === job.handlerConfig) };
  notifyTaskListeners(host, only, token, task, 'timeout');
  return true;
}
