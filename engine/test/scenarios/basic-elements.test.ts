import { describe, expect, it } from 'vitest';
import { scenario, vars } from '../support/scenario';
import { runAsUser } from '../../src';

describe('user task, tasks and events', () => {
  it('creates a user task with evaluated camunda attributes and completes it', async () => {
    const s = await scenario(['user-task.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'userTaskProcess', businessKey: 'order-1', variables: vars({ subject: 'invoice 7', reviewer: 'john', prio: 80 }) });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1',
      'activity.started:review', 'task.created:review',
    ]);
    const task = await s.task(started.instanceId, 'review');
    expect(task).toMatchObject({
      name: 'Review invoice 7', assignee: 'john', candidateGroups: ['sales', 'management'], candidateUsers: ['mary'],
      priority: 80, formKey: 'embedded:app:forms/review.html', description: 'Please review', businessKey: 'order-1',
    });
    expect(task.due?.toISOString()).toBe('2030-01-31T09:00:00.000Z');
    const done = await s.engine.completeTask(task.id, vars({ approved: true }));
    expect(done.ended).toBe(true);
    expect(s.takeLog()).toEqual([
      'task.completed:review', 'activity.completed:review', 'flow.taken:f2', 'activity.started:end', 'activity.completed:end', 'process.completed',
    ]);
    const history = await s.engine.reads.historicProcessInstance(started.instanceId);
    expect(history).toMatchObject({ state: 'COMPLETED', endActivityId: 'end', businessKey: 'order-1' });
    expect(await s.engine.reads.getInstance(started.instanceId)).toBeNull();
    const tasks = await s.engine.reads.historicTasks(started.instanceId);
    expect(tasks).toMatchObject([{ taskDefinitionKey: 'review', deleteReason: 'completed', assignee: 'john' }]);
  });

  it('camunda:initiator and the history\'s startUserId hold the starting user, as in Camunda 7', async () => {
    const s = await scenario(['initiator.bpmn']);
    const byAnn = await runAsUser('ann', () => s.engine.startProcessInstance({ key: 'initiatorProcess' }));
    expect(await s.task(byAnn.instanceId, 'confirm')).toMatchObject({ assignee: 'ann' });
    expect(byAnn.variables).toMatchObject([{ name: 'starter', type: 'String', value: 'ann' }]);
    expect(await s.engine.reads.historicProcessInstance(byAnn.instanceId)).toMatchObject({ startUserId: 'ann' });
    // Without a user (a timer, the job executor): null; a start variable of that name wins.
    const bySystem = await s.engine.startProcessInstance({ key: 'initiatorProcess' });
    expect(bySystem.variables).toMatchObject([{ name: 'starter', type: 'Null', value: null }]);
    expect(await s.engine.reads.historicProcessInstance(bySystem.instanceId)).toMatchObject({ startUserId: null });
    const given = await runAsUser('ann', () => s.engine.startProcessInstance({ key: 'initiatorProcess', variables: vars({ starter: 'bob' }) }));
    expect(await s.task(given.instanceId, 'confirm')).toMatchObject({ assignee: 'bob' });
  });

  it('runs plain tasks, manual tasks and none throw events straight through in one command', async () => {
    const s = await scenario(['straight-through.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'straightThrough' });
    expect(r.ended).toBe(true);
    expect(s.takeLog().filter((e) => e.startsWith('activity.started'))).toEqual([
      'activity.started:start', 'activity.started:task', 'activity.started:manual', 'activity.started:milestone', 'activity.started:end',
    ]);
    const activities = await s.engine.reads.historicActivityInstances(r.instanceId);
    expect(activities.map((a) => [a.activityId, a.activityType])).toEqual([
      ['start', 'startEvent'], ['task', 'task'], ['manual', 'manualTask'], ['milestone', 'intermediateThrowEvent'], ['end', 'endEvent'],
    ]);
    expect(activities.every((a) => a.endTime !== null && !a.canceled)).toBe(true);
  });

  it('refuses to complete a task twice', async () => {
    const s = await scenario(['user-task.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'userTaskProcess', variables: vars({ subject: 'x', reviewer: 'a', prio: 1 }) });
    const task = await s.task(r.instanceId, 'review');
    await s.engine.completeTask(task.id);
    await expect(s.engine.completeTask(task.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('turns an expression error in a task attribute into an incident at the task', async () => {
    const s = await scenario(['user-task.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'userTaskProcess', variables: vars({ subject: 'x', prio: 1 }) });
    expect(s.takeLog().slice(-1)).toEqual(['incident.created:review']);
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'review', errorCode: 'EXPRESSION_UNKNOWN_VARIABLE' });
    expect(incident!.message).toContain('reviewer');
  });
});
