import { describe, expect, it } from 'vitest';
import { fixture, vars } from '../support/scenario';
import { jobScenario, minutes } from '../support/job-scenario';

describe('timers (advanceable clock)', () => {
  it('an intermediate timer catch event waits for its ${…} duration', async () => {
    const s = await jobScenario(['timer-catch.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'timerCatch', variables: vars({ delay: 'PT10M' }) });
    expect(s.takeLog().slice(-2)).toEqual(['activity.started:wait', 'job.created:wait']);
    const [job] = await s.jobs(started.instanceId);
    expect(job).toMatchObject({ handlerType: 'timer-intermediate-transition', elementId: 'wait' });
    expect(job!.dueAt.toISOString()).toBe('2025-01-01T00:10:00.000Z');
    expect(await s.advance(minutes(9))).toBe(0);
    expect(await s.advance(minutes(1))).toBe(1);
    expect(s.takeLog()).toEqual(['job.executed:wait', 'activity.completed:wait', 'flow.taken:f2', 'activity.started:end', 'activity.completed:end', 'process.completed']);
  });

  it('an invalid evaluated timer becomes an incident at the event', async () => {
    const s = await jobScenario(['timer-catch.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'timerCatch', variables: vars({ delay: 'soon' }) });
    const [incident] = await s.engine.reads.incidentsOfInstance(started.instanceId);
    expect(incident).toMatchObject({ activityId: 'wait', errorCode: 'TIMER_INVALID' });
  });

  it('non-interrupting cycle boundary timer fires R2 times; the interrupting one cancels the task', async () => {
    const s = await jobScenario(['timer-boundary.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'timerBoundary' });
    expect((await s.jobs(started.instanceId)).map((j) => [j.elementId, j.handlerType]).sort()).toEqual([
      ['remind', 'timer-transition'], ['timeout', 'timer-transition'],
    ]);
    s.takeLog();
    expect(await s.advance(minutes(10))).toBe(1);
    expect(s.takeLog()).toEqual([
      'job.executed:remind', 'activity.started:remind', 'activity.completed:remind', 'flow.taken:f3',
      'activity.started:reminded', 'activity.completed:reminded',
    ]);
    expect(await s.advance(minutes(10))).toBe(1);
    expect(await s.advance(minutes(10))).toBe(0); // R2: two firings
    expect(await s.openTaskKeys(started.instanceId)).toEqual(['review']);
    s.takeLog();
    expect(await s.advance(minutes(30))).toBe(1);
    expect(s.takeLog()).toEqual([
      'job.executed:timeout', 'task.deleted:review', 'activity.terminated:review', 'activity.started:timeout',
      'activity.completed:timeout', 'flow.taken:f4', 'activity.started:escalate', 'task.created:escalate',
    ]);
    expect(await s.openTaskKeys(started.instanceId)).toEqual(['escalate']);
    expect(await s.jobs(started.instanceId)).toEqual([]);
  });

  it('a non-interrupting R3 cycle boundary timer fires three times while the task waits, then never again', async () => {
    const s = await jobScenario(['timer-boundary.bpmn']);
    const xml = fixture('timer-boundary.bpmn').replace('R2/PT10M', 'R3/PT10M').replace('PT1H', 'PT5H');
    await s.engine.deploy({ name: 'r3', resources: [{ name: 'timer-boundary.bpmn', content: xml }] });
    const started = await s.engine.startProcessInstance({ key: 'timerBoundary' });
    s.takeLog();
    const fired = [];
    for (let i = 0; i < 5; i++) fired.push(await s.advance(minutes(10)));
    expect(fired).toEqual([1, 1, 1, 0, 0]);
    expect(s.takeLog().filter((l) => l.startsWith('activity.completed:reminded'))).toHaveLength(3);
    expect(await s.openTaskKeys(started.instanceId)).toEqual(['review']);
    expect((await s.jobs(started.instanceId)).map((j) => j.elementId)).toEqual(['timeout']);
  });

  it('completing the task removes its boundary timers', async () => {
    const s = await jobScenario(['timer-boundary.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'timerBoundary' });
    const [task] = await s.engine.reads.findTasks({ processInstanceId: started.instanceId });
    await s.engine.completeTask(task!.id);
    expect(await s.engine.reads.getInstance(started.instanceId)).toBeNull();
    expect(await s.advance(minutes(120))).toBe(0);
  });

  it('an interrupting timer on a sub-process cancels its child scope and user task', async () => {
    const s = await jobScenario(['timer-boundary-subprocess.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'timerBoundarySub' });
    expect(await s.openTaskKeys(started.instanceId)).toEqual(['inner']);
    s.takeLog();
    expect(await s.advance(Date.parse('2030-01-01T00:00:00Z') - s.clock.now().getTime())).toBe(1);
    expect(s.takeLog()).toEqual([
      'job.executed:timeout', 'task.deleted:inner', 'activity.terminated:inner', 'activity.terminated:sub',
      'activity.started:timeout', 'activity.completed:timeout', 'flow.taken:f3', 'activity.started:late', 'activity.completed:late',
      'process.completed',
    ]);
  });

  it('a timer start event starts R3 instances an hour apart; a new version replaces the old timer', async () => {
    const s = await jobScenario(['timer-start.bpmn']);
    expect(await s.advance(minutes(59))).toBe(0);
    expect(await s.advance(minutes(1))).toBe(1);
    expect(s.takeLog().slice(0, 3)).toEqual(['process.started', 'activity.started:hourly', 'activity.completed:hourly']);
    // Every node was down for five hours: the cycle fires once, not once per missed hour.
    expect(await s.advance(minutes(300))).toBe(1);
    expect(await s.advance(minutes(60))).toBe(1);
    expect(await s.advance(minutes(600))).toBe(0);
    expect((await s.engine.reads.findTasks({ taskDefinitionKey: 'check' }))).toHaveLength(3);

    const xml = fixture('timer-start.bpmn').replace('R3/PT1H', 'R/PT2H');
    await s.engine.deploy({ name: 'v2', resources: [{ name: 'timer-start.bpmn', content: xml }] });
    await s.engine.deploy({ name: 'v3', resources: [{ name: 'timer-start.bpmn', content: xml }] });
    expect(await s.advance(minutes(120))).toBe(1);
    const defs = new Set((await s.engine.reads.findTasks({ taskDefinitionKey: 'check' })).map((t) => t.definitionId));
    expect(defs.size).toBe(2);
  });

  it('rejects invalid timer definitions at deploy time, naming each element', async () => {
    const s = await jobScenario([]);
    const err = await s.engine.deploy({ resources: [{ name: 'bad.bpmn', content: fixture('invalid-timers.bpmn') }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BPMN_INVALID' });
    const ids = (err as { problems: Array<{ elementId: string }> }).problems.map((p) => p.elementId);
    expect(ids).toEqual(['badDuration', 'zeroCycle', 'badCron', 'badDate']);
  });
});

describe('timer event sub-processes', () => {
  it('non-interrupting cycles run beside the work; the interrupting one ends it', async () => {
    const s = await jobScenario(['timer-event-subprocess.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'timerEsp', variables: vars({ limit: 'PT3H' }) });
    expect((await s.jobs(started.instanceId)).map((j) => j.handlerType)).toEqual(['timer-start-event-subprocess', 'timer-start-event-subprocess']);
    s.takeLog();
    expect(await s.advance(minutes(60))).toBe(1);
    expect(s.takeLog()).toEqual([
      'job.executed:remindStart', 'activity.started:reminder', 'activity.started:remindStart', 'activity.completed:remindStart',
      'flow.taken:r1', 'activity.started:remindEnd', 'activity.completed:remindEnd', 'activity.completed:reminder',
    ]);
    expect(await s.openTaskKeys(started.instanceId)).toEqual(['work']);
    expect(await s.advance(minutes(60))).toBe(1);
    expect(await s.advance(minutes(60))).toBe(1); // R2 is done; the deadline fires at 3 h
    expect(s.takeLog()).toContain('task.deleted:work');
    expect(await s.openTaskKeys(started.instanceId)).toEqual(['handle']);
    expect(await s.jobs(started.instanceId)).toEqual([]);
    const [task] = await s.engine.reads.findTasks({ processInstanceId: started.instanceId });
    expect((await s.engine.completeTask(task!.id)).ended).toBe(true);
  });

  it('completing the scope removes its event sub-process timers', async () => {
    const s = await jobScenario(['timer-event-subprocess.bpmn']);
    const started = await s.engine.startProcessInstance({ key: 'timerEsp', variables: vars({ limit: 'PT3H' }) });
    const [task] = await s.engine.reads.findTasks({ processInstanceId: started.instanceId });
    expect((await s.engine.completeTask(task!.id)).ended).toBe(true);
    expect(await s.advance(minutes(600))).toBe(0);
  });
});
