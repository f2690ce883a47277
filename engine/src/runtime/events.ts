/**
 * The ordered event log of a command. Scenario tests assert it; listeners (SSE, metrics)
 * receive it after the command's transaction committed.
 */

/** Kinds of events the runtime emits. */
export type EngineEventType =
  | 'process.started'
  | 'process.completed'
  | 'process.terminated'
  | 'activity.started'
  | 'activity.completed'
  | 'activity.terminated'
  | 'flow.taken'
  | 'task.created'
  | 'task.updated'
  | 'task.completed'
  | 'task.deleted'
  | 'incident.created'
  | 'incident.resolved'
  | 'variable.set'
  | 'job.created'
  | 'job.executed'
  | 'job.failed'
  | 'externalTask.created'
  | 'externalTask.completed'
  | 'event.subscribed'
  | 'event.received'
  | 'signal.thrown'
  | 'listener.invoked'
  | 'error.uncaught'
  | 'escalation.uncaught';

/** One event: what happened, to which instance, at which element. */
export interface EngineEvent {
  readonly type: EngineEventType;
  readonly instanceId: string;
  readonly elementId: string | null;
  readonly time: Date;
  /** Task id, variable name, incident code, … depending on the type. */
  readonly detail?: string;
}

/** Compact `type:elementId` form used by scenario tests. */
export function eventLabel(e: EngineEvent): string {
  return e.elementId ? `${e.type}:${e.elementId}` : e.type;
}
