/**
 * One task: its facts, actions, form, description, diagram, instance history and comments.
 * A task the user may not see shows a 403 page; a task that is gone (completed by someone
 * else) disappears with a notice — also when that happens while the form is open.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type FormDefinitionDto, type SessionDto, type TaskListItemDto, type VariablesDto } from '@baton/api/client';
import { useApi } from '../api-context';
import { FormPanel } from '../forms/form-panel';
import { navigate } from '../router';
import { errorText, Notice } from '../ui/notice';
import { StatusPage } from '../ui/status-page';
import { DiagramView } from './diagram-view';
import { InstanceHistory } from './instance-history';
import { TaskActions } from './task-actions';
import { TaskComments } from './task-comments';
import { TaskDetails } from './task-details';

/** Props of the task page. */
export interface TaskPageProps {
  readonly taskId: string;
  readonly session: SessionDto;
  readonly version: string | null;
  readonly onChanged: () => void;
  /** The list's query string, to go back to the same list. */
  readonly backTo: URLSearchParams;
}

interface Loaded {
  task: TaskListItemDto;
  form: FormDefinitionDto;
  variables: VariablesDto;
}

type State = { kind: 'loading' } | { kind: 'loaded'; data: Loaded } | { kind: 'forbidden' } | { kind: 'gone' } | { kind: 'error'; message: string };

/** The task page. */
export function TaskPage({ taskId, session, version, onChanged, backTo }: TaskPageProps) {
  const api = useApi();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const back = () => navigate(`/${backTo.toString() ? `?${backTo.toString()}` : ''}`);

  const load = useCallback(async (): Promise<void> => {
    try {
      const task = await api.taskItem(taskId);
      const [form, variables] = await Promise.all([api.taskForm(taskId), api.taskFormVariables(taskId)]);
      // Keep the prefill of the first load: a refresh must not reset what the user typed.
      setState((s) => ({ kind: 'loaded', data: { task, form, variables: s.kind === 'loaded' ? s.data.variables : variables } }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) setState({ kind: 'forbidden' });
      else if (err instanceof ApiError && err.status === 404) setState((s) => (s.kind === 'loaded' || s.kind === 'gone' ? { kind: 'gone' } : { kind: 'error', message: `No task with id ${taskId}: it may have been completed.` }));
      else setState({ kind: 'error', message: errorText(err) });
    }
  }, [api, taskId]);

  useEffect(() => {
    void load();
  }, [load, version]);

  if (state.kind === 'loading') return <section className="task-page" aria-busy="true"><p role="status">Loading task…</p></section>;
  if (state.kind === 'forbidden') return <section className="task-page"><StatusPage status={403} title="Not your task" message="You are not allowed to see this task. It belongs to groups you are not a member of." /></section>;
  if (state.kind === 'error') return <section className="task-page"><StatusPage status={404} title="Task not found" message={state.message} /></section>;
  if (state.kind === 'gone') {
    return (
      <section className="task-page">
        <Notice kind="info">This task was completed or removed by someone else; it is no longer open.</Notice>
        <button type="button" onClick={back}>Back to the list</button>
      </section>
    );
  }

  const { task, form, variables } = state.data;
  const changed = (message: string) => {
    setNotice(message);
    onChanged();
    void load();
  };
  const complete = async (vars: VariablesDto) => {
    await api.submitTaskForm(task.id, vars);
    onChanged();
    navigate(`/${backTo.toString() ? `?${backTo.toString()}` : ''}`);
  };
  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.status === 404) {
      setState({ kind: 'gone' });
      onChanged();
      return true;
    }
    return false;
  };
  const mayWork = !task.assignee || task.assignee === session.userId || session.admin;
  // As in Camunda 7: submitting a delegated task's form resolves it, i.e. hands it back to its owner.
  const delegated = task.delegationState === 'PENDING';

  return (
    <article className="task-page" aria-labelledby="task-title">
      <header className="task-header">
        <button type="button" className="link-button back-link" onClick={back}>← Back to list</button>
        <h1 id="task-title">{task.name ?? task.taskDefinitionKey}</h1>
      </header>
      {notice && <Notice kind="success" onClose={() => setNotice(null)}>{notice}</Notice>}
      <TaskDetails task={task} />
      <TaskActions task={task} session={session} onChanged={changed} />
      {task.description && <section aria-labelledby="desc-title"><h2 id="desc-title">Description</h2><p className="description">{task.description}</p></section>}
      <section aria-labelledby="form-title" className="task-form">
        <h2 id="form-title">Form</h2>
        {mayWork ? (
          <>
            {delegated && <p className="muted">{task.owner ?? 'Its owner'} delegated this task to you: resolving it hands it back to them.</p>}
            <FormPanel form={form} initial={variables} submitLabel={delegated ? 'Resolve task' : 'Complete task'} onSubmit={complete} onError={onError} />
          </>
        ) : (
          <p className="muted">This task is assigned to {task.assignee}; only they can complete it.</p>
        )}
      </section>
      <details className="task-section">
        <summary>Process diagram</summary>
        <DiagramView definitionId={task.processDefinitionId} activityId={task.taskDefinitionKey} />
      </details>
      <details className="task-section">
        <summary>History of this process instance</summary>
        <InstanceHistory instanceId={task.processInstanceId} version={version} />
      </details>
      <section aria-labelledby="comments-title" className="task-section">
        <h2 id="comments-title">Comments</h2>
        <TaskComments taskId={task.id} />
      </section>
    </article>
  );
}
