import { describe, expect, it } from 'vitest';
import { fixture, scenario, vars } from '../support/scenario';
import { storeKinds } from '../support/store-kinds';

type S = Awaited<ReturnType<typeof scenario>>;

async function complete(s: S, instanceId: string, key: string, values: Record<string, unknown> = {}) {
  return s.engine.completeTask((await s.task(instanceId, key)).id, vars(values));
}

const STORES = storeKinds('transaction');

describe.each(STORES)('transaction sub-process (%s)', (_kind, store) => {
  it('a cancel end event ends the transaction, compensates what completed in it, then leaves by the cancel boundary event', async () => {
    const s = await scenario(['transaction.bpmn'], await store());
    const r = await s.engine.startProcessInstance({ key: 'transactionCancel' });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['charge', 'side']);
    s.takeLog();
    await complete(s, r.instanceId, 'charge', { paid: false, hazard: false });
    expect(s.takeLog()).toEqual([
      'task.completed:charge', 'activity.completed:charge', 'flow.taken:t5', 'activity.started:gw', 'activity.completed:gw', 'flow.taken:t7',
      'activity.started:cancelEnd', 'task.deleted:side', 'activity.terminated:side', 'activity.started:undoHotel', 'task.created:undoHotel',
    ]);
    await complete(s, r.instanceId, 'undoHotel');
    expect(s.takeLog()).toEqual([
      'task.completed:undoHotel', 'activity.completed:undoHotel', 'activity.terminated:cancelEnd', 'activity.terminated:tx',
      'activity.started:cancelled', 'activity.completed:cancelled', 'flow.taken:f3', 'activity.started:notifyCancelled', 'task.created:notifyCancelled',
    ]);
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['notifyCancelled']);
  });

  it('a successful transaction is left by its sequence flow like a sub-process', async () => {
    const s = await scenario(['transaction.bpmn'], await store());
    const r = await s.engine.startProcessInstance({ key: 'transactionCancel' });
    await complete(s, r.instanceId, 'side');
    await complete(s, r.instanceId, 'charge', { paid: true });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['done']);
    expect(s.takeLog()).not.toContain('activity.started:undoHotel');
  });

  it('an error leaving the transaction (a hazard) cancels it without compensation', async () => {
    const s = await scenario(['transaction.bpmn'], await store());
    const r = await s.engine.startProcessInstance({ key: 'transactionCancel' });
    await complete(s, r.instanceId, 'charge', { paid: false, hazard: true });
    expect(await s.openTaskKeys(r.instanceId)).toEqual(['hazardHandled']);
    const log = s.takeLog();
    expect(log).toContain('activity.terminated:tx');
    expect(log).not.toContain('activity.started:undoHotel');
    expect((await s.engine.reads.getInstance(r.instanceId))!.compensations ?? []).toEqual([]);
  });

  it('rejects cancel events outside transactions and a cancel end event without a cancel boundary event', async () => {
    const s = await scenario([], await store());
    const err = await s.engine.deploy({ resources: [{ name: 'bad.bpmn', content: fixture('transaction-invalid.bpmn') }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BPMN_INVALID' });
    const problems = (err as { problems: Array<{ elementId: string; reason: string }> }).problems;
    expect(problems.map((p) => p.elementId).sort()).toEqual(['cancelOnSub', 'cancelOutside', 'cancelWithoutBoundary']);
  });
});
