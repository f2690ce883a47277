/**
 * What the user can do with a task besides completing it: claim, unclaim, delegate or
 * assign to someone, and change due date and priority. The server decides who may; a refused
 * action shows its message.
 */
import { useState, type FormEvent } from 'react';
import type { SessionDto, TaskDto } from '@baton/api/client';
import { useApi } from '../api-context';
import { fromLocalInput, toLocalInput } from '../ui/format';
import { errorText } from '../ui/notice';

/** Props of the actions. */
export interface TaskActionsProps {
  readonly task: TaskDto;
  readonly session: SessionDto;
  readonly onChanged: (message: string) => void;
}

/** Claim/unclaim/delegate/assign and due date + priority. */
export function TaskActions({ task, session, onChanged }: TaskActionsProps) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const [due, setDue] = useState(toLocalInput(task.due));
  const [priority, setPriority] = useState(String(task.priority));
  const run = async (work: () => Promise<void>, message: string) => {
    setError(null);
    try {
      await work();
      onChanged(message);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const mine = task.assignee === session.userId;
  const saveDates = (e: FormEvent) => {
    e.preventDefault();
    const p = Number(priority);
    if (!Number.isInteger(p)) return setError('Priority must be a whole number.');
    void run(() => api.updateTask(task.id, { due: fromLocalInput(due), priority: p }), 'Due date and priority saved.');
  };

  return (
    <section className="task-actions" aria-label="Task actions">
      <div className="button-row">
        {!task.assignee && <button type="button" className="primary" onClick={() => void run(() => api.claim(task.id, session.userId), 'You claimed the task.')}>Claim</button>}
        {task.assignee && (mine || session.admin) && <button type="button" onClick={() => void run(() => api.unclaim(task.id), 'The task is unassigned again.')}>Unclaim</button>}
      </div>
      {(mine || session.admin || task.owner === session.userId) && (
        <>
          <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (other.trim()) void run(() => api.delegate(task.id, other.trim()), `Delegated to ${other.trim()}.`); }}>
            <label htmlFor="delegate-user">Delegate or assign to user</label>
            <input id="delegate-user" value={other} onChange={(e) => setOther(e.target.value)} placeholder="user id" />
            <button type="submit">Delegate</button>
            <button type="button" onClick={() => other.trim() && void run(() => api.setAssignee(task.id, other.trim()), `Assigned to ${other.trim()}.`)}>Assign</button>
          </form>
          <form className="inline-form" onSubmit={saveDates}>
            <label htmlFor="task-due">Due date</label>
            <input id="task-due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
            <label htmlFor="task-priority">Priority</label>
            <input id="task-priority" type="number" inputMode="numeric" value={priority} onChange={(e) => setPriority(e.target.value)} className="narrow" />
            <button type="submit">Save</button>
          </form>
        </>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}
