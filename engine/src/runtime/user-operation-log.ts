/**
 * The user operation log: who did what. The HTTP layer runs each authenticated request inside
 * `runAsUser`; engine commands describe what they changed with `logUserOperation`, and the
 * entries travel in the command's ChangeSet, so they commit in the same transaction as the
 * change. Commands without a user (job executor, timers, engine-internal calls) log nothing,
 * as Camunda does.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { UserOperationLogRecord } from '../persistence/user-operation-record';
import type { InstanceRecord, ProcessDefinitionRecord, TaskRecord } from '../persistence/records';

// Why AsyncLocalStorage: the principal must reach every engine command without adding a
// "who" parameter to each command signature and each behavior; it follows the request's
// async chain only, so job executor work never inherits a user.
const actor = new AsyncLocalStorage<{ readonly userId: string; readonly log: boolean }>();

/**
 * Runs `work` with `userId` as the acting user of every engine command it issues (the starting
 * user of an instance, camunda:initiator); `log` false: its operations are not logged.
 */
export function runAsUser<T>(userId: string, work: () => T, log = true): T {
  return actor.run({ userId, log }, work);
}

/** The acting user of the current command, or null (system work). */
export function currentUserId(): string | null {
  return actor.getStore()?.userId ?? null;
}

/** Camunda's categories of operations. */
export type OperationCategory = 'Operator' | 'TaskWorker' | 'Admin';

/** One changed property (null property: the operation as a whole). */
export interface PropertyChange {
  readonly property: string | null;
  readonly orgValue?: unknown;
  readonly newValue?: unknown;
}

/** What an operation touched: ids of the entity and its context. */
export type OperationFacts = Partial<
  Pick<
    UserOperationLogRecord,
    'deploymentId' | 'processDefinitionId' | 'processDefinitionKey' | 'processInstanceId' | 'rootProcessInstanceId' | 'executionId' | 'taskId' | 'jobId' | 'jobDefinitionId' | 'externalTaskId'
  >
> & { readonly operationType: string; readonly entityType: string; readonly category: OperationCategory };

/** Facts of an operation on a process instance. */
export function instanceFacts(i: InstanceRecord): Pick<OperationFacts, 'processInstanceId' | 'processDefinitionId' | 'processDefinitionKey' | 'rootProcessInstanceId'> {
  return { processInstanceId: i.id, processDefinitionId: i.definitionId, processDefinitionKey: i.definitionKey, rootProcessInstanceId: i.rootInstanceId };
}

/** Facts of an operation on a user task. */
export function taskFacts(i: InstanceRecord, t: TaskRecord): ReturnType<typeof instanceFacts> & { taskId: string; executionId: string } {
  return { ...instanceFacts(i), taskId: t.id, executionId: t.tokenId };
}

let sequence = 0;

/**
 * Ids that sort in creation order on one node (time, then a counter, then randomness), so
 * that entries with the same timestamp — the properties of one operation — list in the order
 * they were written.
 */
function orderedId(): string {
  sequence = (sequence + 1) % 0x100000000;
  return `${Date.now().toString(16).padStart(12, '0')}-${sequence.toString(16).padStart(8, '0')}-${randomUUID().slice(-12)}`;
}

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return String(v.getTime());
  return String(v);
}

/**
 * Appends the entries of one operation to `target` (one per property change, one with a null
 * property when `changes` is empty); nothing when no user acts.
 */
export function logUserOperation(target: UserOperationLogRecord[], facts: OperationFacts, changes: readonly PropertyChange[], now: Date): void {
  const store = actor.getStore();
  if (!store?.log) return;
  const userId = store.userId;
  const operationId = randomUUID();
  for (const c of changes.length ? changes : [{ property: null }]) {
    target.push({
      id: orderedId(), operationId, userId, timestamp: now, annotation: null, batchId: null,
      deploymentId: null, processDefinitionId: null, processDefinitionKey: null, processInstanceId: null, rootProcessInstanceId: null,
      executionId: null, taskId: null, jobId: null, jobDefinitionId: null, externalTaskId: null,
      ...facts,
      property: c.property, orgValue: text(c.orgValue), newValue: text(c.newValue),
    });
  }
}

/** Entries of suspending or activating process definitions (one operation per definition). */
export function definitionSuspensionEntries(definitions: ReadonlyArray<ProcessDefinitionRecord | null>, suspended: boolean, now: Date): UserOperationLogRecord[] {
  const entries: UserOperationLogRecord[] = [];
  for (const d of definitions) {
    if (!d) continue;
    const operationType = suspended ? 'SuspendProcessDefinition' : 'ActivateProcessDefinition';
    const facts = { operationType, entityType: 'ProcessDefinition', category: 'Operator', processDefinitionId: d.id, processDefinitionKey: d.key, deploymentId: d.deploymentId } as const;
    logUserOperation(entries, facts, [{ property: 'suspensionState', newValue: suspended ? 'suspended' : 'active' }], now);
  }
  return entries;
}
