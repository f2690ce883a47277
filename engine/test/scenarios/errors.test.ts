import { describe, expect, it } from 'vitest';
import { fixture, scenario, vars } from '../support/scenario';

type S = Awaited<ReturnType<typeof scenario>>;

async function variables(s: S, instanceId: string): Promise<Record<string, unknown>> {
  return Object.fromEntries((await s.engine.reads.instanceVariables(instanceId)).map((v) => [v.name, v.value]));
}

async function complete(s: S, instanceId: string, key: string, values: Record<string, unknown> = {}) {
  return s.engine.completeTask((await s.task(instanceId, key)).id, vars(values));
}

describe('error events', () => {
  it('an error end event in a sub-process is caught by the matching boundary event on the sub-process', async () => {
    const s = await scenario(['error-boundary.bpmn']);
    const r = await s.engine.startProcessInstance({ key: 'errorBoundary', variables: vars({ reason: 'no stock' }) });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['side', 'work']);
    s.takeLog();
    await complete(s, r.instanceId, 'work', { kind: 'A' });
    console.log(JSON.stringify(s.takeLog()));
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['handleA']);
    console.log(await variables(s, r.instanceId));
  });
});
