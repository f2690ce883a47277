/**
 * What a task command changed, in the user operation log's terms: Camunda's property names
 * for task fields, and candidate users/groups as Add/Delete User/Group Link operations.
 */
import type { TaskRecord } from '../persistence/records';
import type { TaskFieldChanges } from './engine';
import type { PropertyChange } from './user-operation-log';

// Camunda's property names in the user operation log for task fields.
const TASK_LOG_PROPERTIES: Partial<Record<keyof TaskFieldChanges, string>> = {
  name: 'name', description: 'description', due: 'dueDate', followUp: 'followUpDate', priority: 'priority', owner: 'owner', assignee: 'assignee', delegationState: 'delegation',
};

/** One property change per task field that actually changes. */
export function taskPropertyChanges(task: TaskRecord, changes: TaskFieldChanges): PropertyChange[] {
  const out: PropertyChange[] = [];
  for (const [field, value] of Object.entries(changes) as Array<[keyof TaskFieldChanges, unknown]>) {
    const property = TASK_LOG_PROPERTIES[field];
    const old = task[field] as unknown;
    if (!property || value === undefined || String(old) === String(value)) continue;
    out.push({ property, orgValue: old, newValue: value });
  }
  return out;
}

/** Candidate users and groups added or removed, as Camunda's Add/Delete User/Group Link operations. */
export function identityLinkChanges(task: TaskRecord, changes: TaskFieldChanges): Array<{ operationType: string; change: PropertyChange }> {
  const out: Array<{ operationType: string; change: PropertyChange }> = [];
  const diff = (before: readonly string[], after: readonly string[] | undefined, kind: 'User' | 'Group') => {
    if (!after) return;
    for (const id of after) if (!before.includes(id)) out.push({ operationType: `Add${kind}Link`, change: { property: 'candidate', newValue: id } });
    for (const id of before) if (!after.includes(id)) out.push({ operationType: `Delete${kind}Link`, change: { property: 'candidate', orgValue: id } });
  };
  diff(task.candidateUsers, changes.candidateUsers, 'User');
  diff(task.candidateGroups, changes.candidateGroups, 'Group');
  return out;
}
