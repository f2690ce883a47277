/**
 * The facts of a task: process, business key, dates, priority, assignee, candidates.
 */
import type { TaskListItemDto } from '@baton/api/client';
import { formatDateTime, isOverdue } from '../ui/format';

/** A definition list of the task's fields. */
export function TaskDetails({ task }: { task: TaskListItemDto }) {
  const groups = task.candidateGroups;
  const users = task.candidateUsers;
  return (
    <dl className="task-details">
      <dt>Process</dt>
      <dd>{task.processDefinitionName ?? task.processDefinitionKey}</dd>
      <dt>Business key</dt>
      <dd>{task.businessKey ?? '—'}</dd>
      <dt>Created</dt>
      <dd>{formatDateTime(task.created)}</dd>
      <dt>Due</dt>
      <dd className={isOverdue(task.due) ? 'overdue' : undefined}>{formatDateTime(task.due)}</dd>
      <dt>Follow-up</dt>
      <dd>{formatDateTime(task.followUp)}</dd>
      <dt>Priority</dt>
      <dd>{task.priority}</dd>
      <dt>Assignee</dt>
      <dd>{task.assignee ?? 'Unassigned'}{task.owner && task.owner !== task.assignee ? ` (owner: ${task.owner})` : ''}</dd>
      <dt>Candidate groups</dt>
      <dd>{groups.length ? groups.join(', ') : '—'}</dd>
      {users.length > 0 && (
        <>
          <dt>Candidate users</dt>
          <dd>{users.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}
