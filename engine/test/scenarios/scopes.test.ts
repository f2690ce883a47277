import { describe, expect, it } from 'vitest';
import { scenario } from '../support/scenario';

describe('embedded sub-process and terminate end events', () => {
  it('terminate inside a sub-process ends only the sub-process; the parent continues', async () => {
    const s = await scenario(['terminate-in-subprocess.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'terminateInSub' });
    const log = s.takeLog();
    expect(log).toContain('activity.terminated:inner');
    expect(log).toContain('task.deleted:inner');
    expect(log.indexOf('activity.completed:subTerminate')).toBeLessThan(log.indexOf('activity.completed:sub'));
    expect(log).toContain('flow.taken:f5');
    expect(r.ended).toBe(false);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['afterSub', 'outer']);
    const activities = await s.engine.reads.historicActivityInstances(r.instanceId);
    expect(activities.find((a) => a.activityId === 'inner')).toMatchObject({ canceled: true });
    const sub = activities.find((a) => a.activityId === 'sub')!;
    expect(activities.find((a) => a.activityId === 'subStart')!.parentActivityInstanceId).toBe(sub.id);
    await s.engine.completeTask((await s.task(r.instanceId, 'outer')).id);
    const done = await s.engine.completeTask((await s.task(r.instanceId, 'afterSub')).id);
    expect(done.ended).toBe(true);
  });

  it('terminate at the top level ends the whole instance, sub-processes and tasks included', async () => {
    const s = await scenario(['terminate-top-level.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'terminateTop' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['inner', 'waiting']);
    s.takeLog();
    const done = await s.engine.completeTask((await s.task(r.instanceId, 'inner')).id);
    expect(done.ended).toBe(true);
    expect(s.takeLog()).toEqual([
      'task.completed:inner', 'activity.completed:inner', 'flow.taken:s2', 'activity.started:subEnd', 'activity.completed:subEnd',
      'activity.completed:sub', 'flow.taken:f5', 'activity.started:kill',
      'task.deleted:waiting', 'activity.terminated:waiting', 'activity.completed:kill', 'process.completed',
    ]);
    expect(await s.engine.reads.findTasks({ processInstanceId: r.instanceId })).toEqual([]);
    expect(await s.engine.reads.historicProcessInstance(r.instanceId)).toMatchObject({ state: 'COMPLETED', endActivityId: 'kill' });
  });

  it('stops a model that loops without a wait state with an incident (step budget)', async () => {
    const s = await scenario(['endless-loop.bpmn'], undefined, 50);
    const r = await s.engine.startProcessInstance({ key: 'endlessLoop' });
    expect(r.ended).toBe(false);
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ errorCode: 'STEP_BUDGET_EXCEEDED' });
    expect(s.takeLog().filter((e) => e === 'activity.started:work').length).toBeGreaterThan(10);
  });

  it('deletes a running instance with its tasks (externally terminated)', async () => {
    const s = await scenario(['parallel-gateway.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'parallel' });
    await s.engine.deleteProcessInstance(r.instanceId, 'no longer needed');
    expect(await s.engine.reads.getInstance(r.instanceId)).toBeNull();
    expect(await s.engine.reads.historicProcessInstance(r.instanceId)).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: 'no longer needed' });
    expect((await s.engine.reads.historicTasks(r.instanceId)).map((t) => t.deleteReason)).toEqual(['deleted', 'deleted']);
  });
});
