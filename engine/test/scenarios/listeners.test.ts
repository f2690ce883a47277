import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, InMemoryStore, ModelValidationError, type DelegateExecution } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { delegateScenario } from '../support/delegate-scenario';
import { fixture, vars } from '../support/scenario';
import { jobScenario, minutes } from '../support/job-scenario';

/** A listener that records what it saw, registered as bean `recorder` and as class `Recorder`. */
function recorder(calls: string[]) {
  const record = (e: DelegateExecution) => {
    const where = e.currentTransitionId ?? e.activityId;
    calls.push(`${e.eventName}:${where}${e.task ? ` task=${e.task.taskDefinitionKey} assignee=${e.task.assignee ?? '-'}` : ''}`);
  };
  return { recorder: { notify: record, record }, Recorder: record };
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('listeners');
});
afterAll(async () => {
  await db.drop();
});

describe('execution and task listeners', () => {
  it('runs process, activity, take and task listeners in Camunda order, as expressions, delegate expressions and classes', async () => {
    const calls: string[] = [];
    const s = await delegateScenario(['listeners.bpmn'], recorder(calls), db.store);
    const r = await s.engine.startProcessInstance({ key: 'listeners' });
    expect(s.takeLog()).toEqual([
      'process.started', 'listener.start:listeners',
      'activity.started:start', 'listener.end:start', 'activity.completed:start',
      'flow.taken:f1', 'listener.take:f1',
      'activity.started:work', 'listener.start:work', 'listener.end:work', 'activity.completed:work', 'flow.taken:f2',
      'activity.started:approve', 'task.created:approve', 'listener.create:approve', 'listener.assignment:approve',
    ]);
    expect(calls).toEqual([
      'start:listeners', 'end:start', 'start:work', 'end:work',
      'create:approve task=approve assignee=alice', 'assignment:approve task=approve assignee=alice',
    ]);
    // The take listener's expression set a variable through the execution.
    expect(await s.variables(r.instanceId)).toEqual({ tookF1: true });

    const task = await s.task(r.instanceId, 'approve');
    await s.engine.setAssignee(task.id, 'bob');
    expect(s.takeLog()).toEqual(['task.updated:approve', 'listener.assignment:approve']);
    await s.engine.setAssignee(task.id, 'bob');
    expect(s.takeLog()).toEqual(['task.updated:approve']);

    await s.engine.completeTask(task.id);
    expect(s.takeLog()).toEqual([
      'listener.complete:approve', 'task.completed:approve', 'activity.completed:approve', 'flow.taken:f3',
      'activity.started:end', 'activity.completed:end', 'listener.end:listeners', 'process.completed',
    ]);
    expect(calls.slice(6)).toEqual(['assignment:approve task=approve assignee=bob', 'complete:approve task=approve assignee=bob', 'end:listeners']);
  });

  it('runs delete task listeners and the process end listener when the instance is deleted', async () => {
    const calls: string[] = [];
    const s = await delegateScenario(['listeners.bpmn'], recorder(calls), db.store);
    const r = await s.engine.startProcessInstance({ key: 'listeners' });
    s.takeLog();
    await s.engine.deleteProcessInstance(r.instanceId, 'cancelled');
    expect(s.takeLog()).toEqual(['listener.delete:approve', 'task.deleted:approve', 'activity.terminated:approve', 'listener.end:listeners', 'process.terminated']);
    expect(calls.slice(-2)).toEqual(['delete:approve task=approve assignee=alice', 'end:listeners']);
  });

  it('a start with skipCustomListeners runs no listeners until its first wait state', async () => {
    const calls: string[] = [];
    const s = await delegateScenario(['listeners.bpmn'], recorder(calls), db.store);
    await s.engine.startProcessInstance({ key: 'listeners', skipCustomListeners: true });
    expect(calls.filter((c) => !c.startsWith('create:') && !c.startsWith('assignment:'))).toEqual([]);
    expect(s.takeLog().filter((e) => e.startsWith('listener.') && !e.startsWith('listener.create') && !e.startsWith('listener.assignment'))).toEqual([]);
  });

  it('a delete with skipCustomListeners runs no listeners (Camunda\'s flag of the delete)', async () => {
    const calls: string[] = [];
    const s = await delegateScenario(['listeners.bpmn'], recorder(calls), db.store);
    const r = await s.engine.startProcessInstance({ key: 'listeners' });
    s.takeLog();
    const before = calls.length;
    await s.engine.deleteProcessInstance(r.instanceId, 'cancelled', { skipCustomListeners: true });
    expect(s.takeLog()).toEqual(['task.deleted:approve', 'activity.terminated:approve', 'process.terminated']);
    expect(calls.length).toBe(before);
  });

  it('a failing complete listener fails the completion: the task stays open and nothing is written', async () => {
    let fail = true;
    const record = recorder([]);
    const s = await delegateScenario(['listeners.bpmn'], {
      ...record,
      Recorder: (e: DelegateExecution) => {
        if (e.eventName === 'complete' && fail) {
          e.setVariable('half', true);
          throw new Error('audit log unavailable');
        }
      },
    }, db.store);
    const r = await s.engine.startProcessInstance({ key: 'listeners' });
    const task = await s.task(r.instanceId, 'approve');
    s.takeLog();
    await expect(s.engine.completeTask(task.id)).rejects.toMatchObject({ code: 'HANDLER_FAILED', message: "Handler of 'approve' (complete listener) failed: audit log unavailable" });
    expect(s.takeLog()).toEqual([]);
    expect((await s.task(r.instanceId, 'approve')).id).toBe(task.id);
    expect(await s.variables(r.instanceId)).toEqual({ tookF1: true });
    fail = false;
    expect((await s.engine.completeTask(task.id)).ended).toBe(true);
  });

  it('timeout task listeners fire on their timers while the task is open (cycles repeat) and leave with the task', async () => {
    const escalated: string[] = [];
    const s = await jobScenario(['task-timeout-listener.bpmn'], {
      Escalate: (e: DelegateExecution) => {
        escalated.push(`${e.eventName}:${e.task!.taskDefinitionKey}`);
      },
    });
    const r = await s.engine.startProcessInstance({ key: 'taskTimeout', variables: vars({ reminders: 0 }) });
    expect(s.takeLog().slice(-3)).toEqual(['task.created:approve', 'job.created:approve', 'job.created:approve']);
    expect((await s.jobs(r.instanceId)).map((j) => [j.handlerType, j.handlerConfig]).sort()).toEqual([
      ['timer-task-listener', 'escalate'], ['timer-task-listener', 'remind'],
    ]);
    expect(await s.advance(minutes(60))).toBe(1);
    expect(s.takeLog()).toEqual(['job.executed:approve', 'listener.invoked:approve']);
    expect(await s.advance(minutes(60))).toBe(1);
    expect(await s.advance(minutes(60))).toBe(1);
    expect(escalated).toEqual(['timeout:approve']);
    const vars_ = Object.fromEntries((await s.engine.reads.instanceVariables(r.instanceId)).map((v) => [v.name, v.value]));
    expect(vars_).toEqual({ reminders: 2 });
    expect(await s.jobs(r.instanceId)).toEqual([]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['approve']);
  });

  it('the timeout timers of a task leave with it when it is completed', async () => {
    const s = await jobScenario(['task-timeout-listener.bpmn'], { Escalate: () => undefined });
    const r = await s.engine.startProcessInstance({ key: 'taskTimeout', variables: vars({ reminders: 0 }) });
    const [task] = await s.engine.reads.findTasks({ processInstanceId: r.instanceId });
    await s.engine.completeTask(task!.id);
    expect(await s.engine.reads.getInstance(r.instanceId)).toBeNull();
    expect(await s.advance(minutes(600))).toBe(0);
  });

  it('rejects script listeners, timeout listeners without a timer and fields without a value at deploy time, naming the elements', async () => {
    const engine = new Engine({ store: new InMemoryStore(), handlers: { Recorder: () => undefined } });
    const error = (await engine
      .deploy({ name: 'x', resources: [{ name: 'listeners-unsupported.bpmn', content: fixture('listeners-unsupported.bpmn') }] })
      .catch((e: unknown) => e)) as ModelValidationError;
    expect(error).toBeInstanceOf(ModelValidationError);
    expect(error.problems).toEqual([
      { elementId: 'scripted', reason: 'execution listener with camunda:script is not supported yet (no script support; use camunda:expression or a registered handler)' },
      { elementId: 'timed', reason: 'a timeout task listener needs an id and exactly one timer event definition' },
      { elementId: 'injected', reason: 'service task: a camunda:field needs a name and exactly one of a string value or an expression' },
    ]);
  });

  it('rejects listeners whose handlers are not registered, naming the element and event', async () => {
    const engine = new Engine({ store: new InMemoryStore(), handlers: { recorder: {} } });
    const error = (await engine
      .deploy({ name: 'x', resources: [{ name: 'listeners.bpmn', content: fixture('listeners.bpmn') }] })
      .catch((e: unknown) => e)) as ModelValidationError;
    expect(error.problems.map((p) => `${p.elementId}: ${p.reason.split(':')[0]}`)).toEqual([
      'start: execution listener (end)', 'work: execution listener (end)', 'approve: task listener (complete)', 'approve: task listener (delete)',
    ]);
  });

  it('a modification with skipCustomListeners runs no listeners for what it starts and cancels', async () => {
    const calls: string[] = [];
    const s = await delegateScenario(['listeners.bpmn'], recorder(calls), db.store);
    const r = await s.engine.startProcessInstance({ key: 'listeners' });
    s.takeLog();
    const [first] = await s.engine.reads.findTasks({ processInstanceId: r.instanceId });
    const instructions = [{ type: 'startBeforeActivity', activityId: 'work' }, { type: 'cancel', activityInstanceId: first!.activityInstanceId }] as const;
    await s.engine.modifyProcessInstance(r.instanceId, instructions, { skipCustomListeners: true });
    const skipped = s.takeLog();
    expect(skipped.filter((l) => l.startsWith('listener.'))).toEqual([]);
    expect(skipped).toContain('task.created:approve');
    await s.engine.modifyProcessInstance(r.instanceId, [{ type: 'startBeforeActivity', activityId: 'work' }]);
    expect(s.takeLog().filter((l) => l.startsWith('listener.'))).toEqual(['listener.start:work', 'listener.end:work', 'listener.create:approve', 'listener.assignment:approve']);
  });
});
