import { describe, expect, it } from 'vitest';
import { scenario, vars } from '../support/scenario';

describe('exclusive gateway', () => {
  it('takes the flow whose condition holds', async () => {
    const s = await scenario(['exclusive-gateway.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'exclusive', variables: vars({ amount: 5000 }) });
    expect(s.takeLog()).toContain('flow.taken:toLarge');
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['approve']);
  });

  it('takes the default flow when no condition holds', async () => {
    const s = await scenario(['exclusive-gateway.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'exclusive', variables: vars({ amount: 10 }) });
    expect(r.ended).toBe(true);
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1',
      'activity.started:xor', 'activity.completed:xor', 'flow.taken:toSmall',
      'activity.started:autoApprove', 'activity.completed:autoApprove', 'flow.taken:f3',
      'activity.started:end', 'activity.completed:end', 'process.completed',
    ]);
  });

  it('raises an incident (not a crash) when no flow matches and there is no default', async () => {
    const s = await scenario(['exclusive-no-default.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'exclusiveNoDefault', variables: vars({ amount: 5 }) });
    expect(r.ended).toBe(false);
    expect(s.takeLog().slice(-2)).toEqual(['activity.started:xor', 'incident.created:xor']);
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'xor', errorCode: 'NO_MATCHING_FLOW', incidentType: 'failedExecution' });
    const instance = await s.engine.reads.getInstance(r.instanceId);
    expect(instance!.tokens).toMatchObject([{ elementId: 'xor', status: 'incident' }]);
  });

  it('reports an unknown variable in a condition as an incident naming it, not as false', async () => {
    const s = await scenario(['unknown-variable.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'unknownVariable' });
    expect(r.ended).toBe(false);
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'xor', errorCode: 'EXPRESSION_UNKNOWN_VARIABLE' });
    expect(incident!.message).toContain("'missing'");
  });
});

describe('parallel gateway', () => {
  it('forks, and joins once when the branches complete in different commands', async () => {
    const s = await scenario(['parallel-gateway.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'parallel' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['taskA', 'taskB']);
    s.takeLog();
    await s.engine.completeTask((await s.task(r.instanceId, 'taskB')).id);
    expect(s.takeLog()).toEqual(['task.completed:taskB', 'activity.completed:taskB', 'flow.taken:f5', 'activity.started:join']);
    await s.engine.completeTask((await s.task(r.instanceId, 'taskA')).id);
    expect(s.takeLog()).toEqual([
      'task.completed:taskA', 'activity.completed:taskA', 'flow.taken:f4', 'activity.started:join',
      'activity.completed:join', 'activity.completed:join', 'flow.taken:f6', 'activity.started:after', 'task.created:after',
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['after']);
  });
});

describe('inclusive gateway', () => {
  const cases: Array<[string, Record<string, boolean>, string[]]> = [
    ['one', { a: true, b: false, c: false }, ['taskA']],
    ['two', { a: true, b: false, c: true }, ['taskA', 'taskC']],
    ['three', { a: true, b: true, c: true }, ['taskA', 'taskB', 'taskC']],
  ];
  for (const [label, flags, branches] of cases) {
    it(`joins exactly the ${label} active branch(es)`, async () => {
      const s = await scenario(['inclusive-gateway.bpmn']);
      const r = await s.engine.startProcessInstance({ key: 'inclusive', variables: vars(flags) });
      expect(await s.openTaskKeys(r.instanceId)).toEqual(branches);
      s.takeLog();
      for (const [i, key] of branches.entries()) {
        const result = await s.engine.completeTask((await s.task(r.instanceId, key)).id);
        const log = s.takeLog();
        const last = i === branches.length - 1;
        expect(result.ended).toBe(last);
        expect(log.includes('flow.taken:f9')).toBe(last);
        if (last) expect(log.filter((e) => e === 'activity.completed:join')).toHaveLength(branches.length);
      }
    });
  }

  it('raises an incident when the fork can take no flow', async () => {
    const s = await scenario(['inclusive-gateway.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'inclusive', variables: vars({ a: false, b: false, c: false }) });
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'fork', errorCode: 'NO_MATCHING_FLOW' });
  });
});
