/**
 * Multi-instance activities (Camunda 7 semantics): a body `<id>#multiInstanceBody` with its own
 * scope (nrOf* variables) hosts the inner activity instances (loopCounter and the element
 * variable local to each). Runs on PostgreSQL, except where a clock has to move (timers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, scenario, vars } from '../support/scenario';
import { jobScenario, minutes } from '../support/job-scenario';
import type { Engine } from '../../src';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('engine_multi_instance');
});
afterAll(async () => {
  await db?.drop();
});

const START = ['process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1'];
const END = ['flow.taken:f2', 'activity.started:end', 'activity.completed:end', 'process.completed'];

/** Variables visible from a scope as name → value. */
async function visible(engine: Engine, instanceId: string, scopeId: string): Promise<Record<string, unknown>> {
  const list = (await engine.visibleVariables(instanceId, scopeId)) ?? [];
  return Object.fromEntries(list.map((v) => [v.name, v.value]));
}

/** The activity instance id of the running body (the body's scope id). */
async function bodyScopeId(engine: Engine, instanceId: string, bodyId: string): Promise<string> {
  const instance = await engine.reads.getInstance(instanceId);
  return instance!.tokens.find((t) => t.elementId === bodyId)!.activityInstanceId;
}

describe('multi-instance', () => {
  it('parallel user tasks over a collection: one task per element, loopCounter and element variable local to each', async () => {
    const s = await scenario(['multi-instance-parallel.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miParallel', variables: vars({ reviewers: ['ann', 'bob', 'cid'] }) });
    expect(s.takeLog()).toEqual([
      ...START, 'activity.started:review#multiInstanceBody',
      'activity.started:review', 'task.created:review', 'activity.started:review', 'task.created:review', 'activity.started:review', 'task.created:review',
    ]);
    const tasks = (await s.engine.reads.findTasks({ processInstanceId: r.instanceId })).sort((a, b) => a.assignee!.localeCompare(b.assignee!));
    expect(tasks.map((t) => [t.name, t.assignee])).toEqual([['Review by ann', 'ann'], ['Review by bob', 'bob'], ['Review by cid', 'cid']]);
    const body = await bodyScopeId(s.engine, r.instanceId, 'review#multiInstanceBody');
    expect(await visible(s.engine, r.instanceId, tasks[1]!.id)).toEqual({
      reviewers: ['ann', 'bob', 'cid'], nrOfInstances: 3, nrOfActiveInstances: 3, nrOfCompletedInstances: 0, loopCounter: 1, reviewer: 'bob',
    });
    // Not visible outside the inner instance: the element variable is local to it.
    expect(await visible(s.engine, r.instanceId, r.instanceId)).toEqual({ reviewers: ['ann', 'bob', 'cid'] });

    await s.engine.completeTask(tasks[0]!.id);
    expect(s.takeLog()).toEqual(['task.completed:review', 'activity.completed:review']);
    expect(await visible(s.engine, r.instanceId, body)).toMatchObject({ nrOfInstances: 3, nrOfActiveInstances: 2, nrOfCompletedInstances: 1 });
    const left = (await s.engine.reads.instanceVariables(r.instanceId)).filter((v) => v.name === 'reviewer').map((v) => v.value).sort();
    expect(left).toEqual(['bob', 'cid']);

    await s.engine.completeTask(tasks[1]!.id);
    s.takeLog();
    const done = await s.engine.completeTask(tasks[2]!.id);
    expect(done.ended).toBe(true);
    expect(s.takeLog()).toEqual(['task.completed:review', 'activity.completed:review', 'activity.completed:review#multiInstanceBody', ...END]);

    const history = await s.engine.reads.historicActivityInstances(r.instanceId);
    const bodyRow = history.find((a) => a.activityId === 'review#multiInstanceBody')!;
    expect(bodyRow).toMatchObject({ activityType: 'multiInstanceBody', parentActivityInstanceId: r.instanceId, id: body, canceled: false });
    const inner = history.filter((a) => a.activityId === 'review');
    expect(inner.map((a) => [a.activityType, a.parentActivityInstanceId, a.canceled])).toEqual(Array(3).fill(['userTask', body, false]));
  });

  it('sequential: one instance after the other, the next element each time', async () => {
    const s = await scenario(['multi-instance-sequential.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miSequential', variables: vars({ reviewers: ['ann', 'bob'] }) });
    expect(s.takeLog()).toEqual([...START, 'activity.started:review#multiInstanceBody', 'activity.started:review', 'task.created:review']);
    const first = await s.task(r.instanceId, 'review');
    expect(first.assignee).toBe('ann');
    const body = await bodyScopeId(s.engine, r.instanceId, 'review#multiInstanceBody');
    expect(await visible(s.engine, r.instanceId, body)).toMatchObject({ nrOfInstances: 2, nrOfActiveInstances: 1, nrOfCompletedInstances: 0 });

    await s.engine.completeTask(first.id);
    expect(s.takeLog()).toEqual(['task.completed:review', 'activity.completed:review', 'activity.started:review', 'task.created:review']);
    const second = await s.task(r.instanceId, 'review');
    expect(second.assignee).toBe('bob');
    expect(await visible(s.engine, r.instanceId, second.id)).toMatchObject({ loopCounter: 1, reviewer: 'bob', nrOfActiveInstances: 1, nrOfCompletedInstances: 1 });

    expect((await s.engine.completeTask(second.id)).ended).toBe(true);
    expect(s.takeLog()).toEqual(['task.completed:review', 'activity.completed:review', 'activity.completed:review#multiInstanceBody', ...END]);
  });

  it('loopCardinality: parallel external tasks, then a sequential manual task that passes through twice', async () => {
    const s = await scenario(['multi-instance-cardinality.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miCardinality', variables: vars({ n: 2 }) });
    expect(s.takeLog()).toEqual([
      ...START, 'activity.started:call#multiInstanceBody',
      'activity.started:call', 'externalTask.created:call', 'activity.started:call', 'externalTask.created:call',
    ]);
    const locked = await s.engine.externalTasks.fetchAndLock({ workerId: 'w', maxTasks: 5, usePriority: false, topics: [{ topicName: 'work', lockDurationMs: 60_000 }] });
    expect(locked).toHaveLength(2);
    await s.engine.externalTasks.complete(locked[0]!.task.id, 'w');
    expect(s.takeLog()).toEqual(['externalTask.completed:call', 'activity.completed:call']);
    const done = await s.engine.externalTasks.complete(locked[1]!.task.id, 'w');
    expect(done.ended).toBe(true);
    expect(s.takeLog()).toEqual([
      'externalTask.completed:call', 'activity.completed:call', 'activity.completed:call#multiInstanceBody', 'flow.taken:f2',
      'activity.started:note#multiInstanceBody', 'activity.started:note', 'activity.completed:note', 'activity.started:note', 'activity.completed:note',
      'activity.completed:note#multiInstanceBody', 'flow.taken:f3', 'activity.started:end', 'activity.completed:end', 'process.completed',
    ]);
  });

  it('completionCondition: two of three approvals complete the body and cancel the third task', async () => {
    const s = await scenario(['multi-instance-approvals.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miApprovals' });
    const tasks = await s.engine.reads.findTasks({ processInstanceId: r.instanceId });
    expect(tasks.map((t) => t.candidateGroups)).toEqual([['approvers'], ['approvers'], ['approvers']]);
    s.takeLog();
    await s.engine.completeTask(tasks[2]!.id);
    expect(s.takeLog()).toEqual(['task.completed:approve', 'activity.completed:approve']);
    await s.engine.completeTask(tasks[0]!.id);
    expect(s.takeLog()).toEqual([
      'task.completed:approve', 'activity.completed:approve', 'task.deleted:approve', 'activity.terminated:approve',
      'activity.completed:approve#multiInstanceBody', 'flow.taken:f2', 'activity.started:decided', 'task.created:decided',
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['decided']);
    const historic = await s.engine.reads.historicTasks(r.instanceId);
    expect(historic.filter((t) => t.taskDefinitionKey === 'approve').map((t) => t.deleteReason).sort()).toEqual(['completed', 'completed', 'deleted']);
    // The body's variables left with its scope.
    expect((await s.engine.reads.instanceVariables(r.instanceId)).map((v) => v.name)).toEqual([]);
  });

  it('an empty collection or a cardinality of 0 completes the body at once', async () => {
    const s = await scenario(['multi-instance-parallel.bpmn', 'multi-instance-cardinality.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miParallel', variables: vars({ reviewers: [] }) });
    expect(r.ended).toBe(true);
    expect(s.takeLog()).toEqual([...START, 'activity.started:review#multiInstanceBody', 'activity.completed:review#multiInstanceBody', ...END]);
    const c = await s.engine.startProcessInstance({ key: 'miCardinality', variables: vars({ n: 0 }) });
    expect(c.ended).toBe(true);
    expect(s.takeLog().slice(4, 7)).toEqual(['activity.started:call#multiInstanceBody', 'activity.completed:call#multiInstanceBody', 'flow.taken:f2']);
  });

  it('a collection that is not a list is an incident at the body', async () => {
    const s = await scenario(['multi-instance-parallel.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miParallel', variables: vars({ reviewers: 'ann,bob' }) });
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'review#multiInstanceBody', errorCode: 'EXPRESSION_EVALUATION' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual([]);
  });

  it('an incident in an inner instance keeps its loopCounter and element variable when retried', async () => {
    const s = await scenario(['multi-instance-incidents.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miIncidents', variables: vars({ items: ['a', 'b'] }) });
    const incidents = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incidents.map((i) => [i.activityId, i.errorCode])).toEqual([['work', 'EXPRESSION_UNKNOWN_VARIABLE'], ['work', 'EXPRESSION_UNKNOWN_VARIABLE']]);
    await s.engine.setVariables(r.instanceId, vars({ labels: { a: 'Label A', b: 'Label B' } }));
    for (const i of incidents) await s.engine.incidents.retry(i.id);
    const tasks = (await s.engine.reads.findTasks({ processInstanceId: r.instanceId })).sort((x, y) => x.name!.localeCompare(y.name!));
    expect(tasks.map((t) => t.name)).toEqual(['Label A', 'Label B']);
    expect(await visible(s.engine, r.instanceId, tasks[1]!.id)).toMatchObject({ item: 'b', loopCounter: 1 });
    s.takeLog();

    // The completion condition fails: an incident at the body, which then neither counts nor leaves.
    await s.engine.completeTask(tasks[0]!.id);
    expect(s.takeLog()).toEqual(['task.completed:work', 'activity.completed:work', 'incident.created:work#multiInstanceBody']);
    await s.engine.completeTask(tasks[1]!.id);
    expect(s.takeLog()).toEqual(['task.completed:work', 'activity.completed:work']);
    const [bodyIncident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(bodyIncident).toMatchObject({ activityId: 'work#multiInstanceBody', errorCode: 'EXPRESSION_UNKNOWN_VARIABLE' });
    // Retrying the body runs the multi-instance activity again.
    await s.engine.setVariables(r.instanceId, vars({ limit: 1 }));
    await s.engine.incidents.retry(bodyIncident!.id);
    expect(s.takeLog()).toEqual([
      'incident.resolved:work#multiInstanceBody', 'activity.started:work#multiInstanceBody',
      'activity.started:work', 'task.created:work', 'activity.started:work', 'task.created:work',
    ]);
    const again = await s.engine.reads.findTasks({ processInstanceId: r.instanceId });
    expect((await s.engine.completeTask(again[0]!.id)).ended).toBe(true);
  });

  it('a parallel multi-instance sub-process: one scope per element, each with its own variables', async () => {
    const s = await scenario(['multi-instance-sub-process.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miSubProcess', variables: vars({ lines: ['bolt', 'nut'] }) });
    expect(s.takeLog()).toEqual([
      ...START, 'activity.started:perLine#multiInstanceBody',
      'activity.started:perLine', 'activity.started:perLine',
      'activity.started:lineStart', 'activity.completed:lineStart', 'flow.taken:s1',
      'activity.started:lineStart', 'activity.completed:lineStart', 'flow.taken:s1',
      'activity.started:pick', 'task.created:pick', 'activity.started:pick', 'task.created:pick',
    ]);
    const tasks = (await s.engine.reads.findTasks({ processInstanceId: r.instanceId })).sort((a, b) => a.name!.localeCompare(b.name!));
    expect(tasks.map((t) => t.name)).toEqual(['Pick bolt', 'Pick nut']);
    expect(await visible(s.engine, r.instanceId, tasks[1]!.id)).toMatchObject({ line: 'nut', loopCounter: 1, nrOfInstances: 2 });

    await s.engine.completeTask(tasks[1]!.id);
    expect(s.takeLog()).toEqual([
      'task.completed:pick', 'activity.completed:pick', 'flow.taken:s2', 'activity.started:lineEnd', 'activity.completed:lineEnd', 'activity.completed:perLine',
    ]);
    await s.engine.completeTask(tasks[0]!.id);
    expect(s.takeLog().slice(-5)).toEqual(['activity.completed:perLine', 'activity.completed:perLine#multiInstanceBody', 'flow.taken:f2', 'activity.started:ship', 'task.created:ship']);

    const history = await s.engine.reads.historicActivityInstances(r.instanceId);
    const body = history.find((a) => a.activityId === 'perLine#multiInstanceBody')!;
    const subs = history.filter((a) => a.activityId === 'perLine');
    expect(subs.map((a) => [a.activityType, a.parentActivityInstanceId])).toEqual([['subProcess', body.id], ['subProcess', body.id]]);
    const picks = history.filter((a) => a.activityId === 'pick').map((a) => a.parentActivityInstanceId).sort();
    expect(picks).toEqual(subs.map((a) => a.id).sort());
  });

  it('deleting the instance ends the body, its sub-process instances and their tasks', async () => {
    const s = await scenario(['multi-instance-sub-process.bpmn'], db.store);
    const r = await s.engine.startProcessInstance({ key: 'miSubProcess', variables: vars({ lines: ['bolt', 'nut'] }) });
    s.takeLog();
    await s.engine.deleteProcessInstance(r.instanceId, 'cancelled order');
    expect(s.takeLog()).toEqual([
      'task.deleted:pick', 'activity.terminated:pick', 'activity.terminated:perLine',
      'task.deleted:pick', 'activity.terminated:pick', 'activity.terminated:perLine',
      'activity.terminated:perLine#multiInstanceBody', 'process.terminated',
    ]);
    expect(await s.engine.reads.getInstance(r.instanceId)).toBeNull();
    expect(await s.engine.reads.instanceVariables(r.instanceId)).toEqual([]);
    const history = await s.engine.reads.historicActivityInstances(r.instanceId);
    expect(history.filter((a) => a.endTime === null)).toEqual([]);
  });

  it('a timer boundary event attaches to the body (one job) and cancels every inner instance', async () => {
    const s = await jobScenario(['multi-instance-timeout.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'miTimeout' });
    expect(s.takeLog().slice(4)).toEqual([
      // The boundary timer is armed when the body starts, before its inner instances.
      'activity.started:vote#multiInstanceBody', 'job.created:deadline',
      'activity.started:vote', 'task.created:vote', 'activity.started:vote', 'task.created:vote', 'activity.started:vote', 'task.created:vote',
    ]);
    expect((await s.jobs(r.instanceId)).map((j) => [j.elementId, j.handlerType])).toEqual([['deadline', 'timer-transition']]);
    const [first] = await s.engine.reads.findTasks({ processInstanceId: r.instanceId });
    await s.engine.completeTask(first!.id);
    s.takeLog();
    expect(await s.advance(minutes(60))).toBe(1);
    expect(s.takeLog()).toEqual([
      'job.executed:deadline',
      'task.deleted:vote', 'activity.terminated:vote', 'task.deleted:vote', 'activity.terminated:vote',
      'activity.terminated:vote#multiInstanceBody',
      'activity.started:deadline', 'activity.completed:deadline', 'flow.taken:f3', 'activity.started:late', 'activity.completed:late', 'process.completed',
    ]);
    const history = await s.engine.reads.historicActivityInstances(r.instanceId);
    expect(history.find((a) => a.activityId === 'vote#multiInstanceBody')).toMatchObject({ canceled: true });
    expect(history.filter((a) => a.activityId === 'vote').map((a) => a.canceled)).toEqual([false, true, true]);
  });

  it('a non-interrupting timer on the body fires once for the whole body; the instances go on', async () => {
    const s = await jobScenario(['multi-instance-reminder.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'miReminder' });
    s.takeLog();
    expect(await s.advance(minutes(10))).toBe(1);
    expect(s.takeLog()).toEqual(['job.executed:remind', 'activity.started:remind', 'activity.completed:remind', 'flow.taken:f3', 'activity.started:chase', 'task.created:chase']);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['chase', 'sign']);
    const signTask = async () => (await s.engine.reads.findTasks({ processInstanceId: r.instanceId, taskDefinitionKey: 'sign' }))[0]!;
    await s.engine.completeTask((await signTask()).id);
    await s.engine.completeTask((await signTask()).id);
    expect(s.takeLog()).toEqual([
      'task.completed:sign', 'activity.completed:sign', 'activity.started:sign', 'task.created:sign',
      'task.completed:sign', 'activity.completed:sign', 'activity.completed:sign#multiInstanceBody', ...END.slice(0, 3),
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['chase']);
    expect(await s.jobs(r.instanceId)).toEqual([]);
  });

  it('async before/after on the body (multiInstanceLoopCharacteristics) and async before on each inner instance (the activity)', async () => {
    const s = await jobScenario(['multi-instance-async.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'miAsync' });
    expect(s.takeLog()).toEqual([...START, 'job.created:step#multiInstanceBody']);
    // The body's job creates one job per inner instance; the executor runs those in the same round.
    expect(await s.advance(0)).toBe(4);
    expect(s.takeLog()).toEqual([
      'job.executed:step#multiInstanceBody', 'activity.started:step#multiInstanceBody', 'job.created:step', 'job.created:step',
      'job.executed:step', 'activity.started:step', 'activity.completed:step',
      'job.executed:step', 'activity.started:step', 'activity.completed:step', 'activity.completed:step#multiInstanceBody', 'job.created:step#multiInstanceBody',
      'job.executed:step#multiInstanceBody', ...END,
    ]);
    expect(await s.engine.reads.historicProcessInstance(r.instanceId)).toMatchObject({ state: 'COMPLETED' });
  });

  it('rejects loop characteristics it cannot run, naming the element', async () => {
    const s = await scenario([], db.store);
    const deploy = s.engine.deploy({ name: 'bad', resources: [{ name: 'loop-invalid.bpmn', content: fixture('loop-invalid.bpmn') }] });
    await expect(deploy).rejects.toMatchObject({
      problems: [
        { elementId: 'both', reason: 'multi-instance has both loopCardinality and camunda:collection; use one' },
        { elementId: 'none', reason: 'multi-instance needs loopCardinality or camunda:collection' },
        { elementId: 'forever', reason: 'a standard loop needs a loopCondition or a loopMaximum' },
        { elementId: 'badCount', reason: "loopCardinality 'many' is not a non-negative integer" },
      ],
    });
  });
});
