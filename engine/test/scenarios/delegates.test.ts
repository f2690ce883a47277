import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, InMemoryStore, ModelValidationError, type DelegateExecution } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { delegateScenario } from '../support/delegate-scenario';
import { fixture, vars } from '../support/scenario';
import { jobScenario, minutes } from '../support/job-scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('delegates');
});
afterAll(async () => {
  await db.drop();
});

/** Handlers for delegates.bpmn, as an application would register them. */
function paymentHandlers(seen: string[]) {
  return {
    // Registered by simple name; the model says camunda:class="com.example.payment.ChargeCard".
    ChargeCard: (execution: DelegateExecution) => {
      seen.push(`charge ${execution.activityId} ${execution.businessKey}`);
      execution.setVariable('charged', (execution.getVariable('amount') as number) > 0);
      execution.setVariable('receipt', { id: 'r-1', lines: [1, 2] });
    },
    notifier: {
      execute(execution: DelegateExecution) {
        seen.push(`notify charged=${String(execution.getVariable('charged'))}`);
        execution.setVariableLocal('notified', true);
      },
    },
    calculator: {
      total(execution: DelegateExecution, factor: number) {
        return (execution.getVariable('amount') as number) * factor;
      },
    },
  };
}

describe('service tasks with registered handlers', () => {
  it('injects camunda:field values (texts and expressions) into task and listener handlers; a message end event runs its handler', async () => {
    const seen: unknown[] = [];
    const s = await delegateScenario(['delegate-fields.bpmn'], {
      MailSender: (execution: DelegateExecution) => seen.push({ mail: execution.fields }),
      Audit: (execution: DelegateExecution) => seen.push({ audit: execution.fields, event: execution.eventName }),
      publisher: { execute: (execution: DelegateExecution) => seen.push({ published: execution.activityId }) },
    });
    const r = await s.engine.startProcessInstance({ key: 'delegateFields', variables: vars({ orderId: 7, customer: 'ACME' }) });
    expect(r.ended).toBe(true);
    expect(seen).toEqual([
      { mail: { to: 'orders@acme.test', subject: 'Order received', body: 'Order 7 for ACME' } },
      { audit: { level: 'info' }, event: 'end' },
      { published: 'sent' },
    ]);
  });


  it('runs class, delegateExpression and expression service tasks in one command; variables persist in PostgreSQL', async () => {
    const seen: string[] = [];
    const s = await delegateScenario(['delegates.bpmn'], paymentHandlers(seen), db.store);
    const r = await s.engine.startProcessInstance({ key: 'delegates', businessKey: 'order-7', variables: vars({ amount: 40 }) });
    expect(s.takeLog()).toEqual([
      'process.started', 'activity.started:start', 'activity.completed:start', 'flow.taken:f1',
      'activity.started:charge', 'activity.completed:charge', 'flow.taken:f2',
      'activity.started:notify', 'activity.completed:notify', 'flow.taken:f3',
      'activity.started:total', 'activity.completed:total', 'flow.taken:f4',
      'activity.started:check', 'task.created:check',
    ]);
    expect(seen).toEqual(['charge charge order-7', 'notify charged=true']);
    // Read back from the database in a fresh engine: what the handlers wrote was committed.
    const reader = new Engine({ store: await db.openStore() });
    const stored = Object.fromEntries((await reader.reads.instanceVariables(r.instanceId)).map((v) => [v.name, [v.type, v.value]]));
    expect(stored).toEqual({
      amount: ['Integer', 40], charged: ['Boolean', true], receipt: ['Json', { id: 'r-1', lines: [1, 2] }],
      notified: ['Boolean', true], grandTotal: ['Integer', 120],
    });
  });

  it('rejects a deployment naming handlers nobody registered, naming each element', async () => {
    const engine = new Engine({ store: new InMemoryStore(), handlers: { calculator: {} } });
    const deploying = engine.deploy({ name: 'd', resources: [{ name: 'delegates.bpmn', content: fixture('delegates.bpmn') }] });
    await expect(deploying).rejects.toBeInstanceOf(ModelValidationError);
    const error = (await deploying.catch((e: unknown) => e)) as ModelValidationError;
    expect(error.problems.map((p) => p.elementId)).toEqual(['charge', 'notify']);
    expect(error.problems[0]!.reason).toContain("camunda:class 'com.example.payment.ChargeCard' (register it as 'com.example.payment.ChargeCard' or 'ChargeCard')");
    expect(error.problems[1]!.reason).toContain("camunda:delegateExpression '${notifier}'");
  });

  it('a throwing handler is an incident at its element, with none of its writes; a retry after the fix moves on', async () => {
    let broken = true;
    const s = await delegateScenario(['delegate-failing.bpmn'], {
      Risky: (execution: DelegateExecution) => {
        execution.setVariable('partial', 'half-written');
        if (broken) throw new Error('payment gateway down');
      },
    }, db.store);
    const r = await s.engine.startProcessInstance({ key: 'failing', variables: vars({ before: 1 }) });
    expect(s.takeLog().slice(-2)).toEqual(['activity.started:risky', 'incident.created:risky']);
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'risky', errorCode: 'HANDLER_FAILED' });
    expect(incident!.message).toBe("Handler of 'risky' failed: payment gateway down");
    expect(await s.variables(r.instanceId)).toEqual({ before: 1 });
    broken = false;
    await s.engine.incidents.retry(incident!.id);
    expect(s.takeLog()).toEqual([
      'incident.resolved:risky', 'activity.started:risky', 'activity.completed:risky', 'flow.taken:f2', 'activity.started:end', 'activity.completed:end',
      'process.completed',
    ]);
    const history = await s.engine.reads.historicProcessInstance(r.instanceId);
    expect(history).toMatchObject({ state: 'COMPLETED' });
  });

  it('in an async continuation a throwing handler fails the job: retried per the cycle, then a failedJob incident', async () => {
    let attempts = 0;
    const s = await jobScenario(['delegate-async-before.bpmn'], {
      'com.example.SendMail': (execution: DelegateExecution) => {
        attempts++;
        execution.setVariable('sent', true);
        if (attempts < 4) throw new Error(`smtp down (attempt ${attempts})`);
      },
    });
    const r = await s.engine.startProcessInstance({ key: 'asyncDelegate' });
    expect(await s.advance(0)).toBe(1);
    expect(await s.advance(minutes(1))).toBe(1);
    expect(await s.advance(minutes(1))).toBe(1);
    expect(s.outcomes.map((o) => o.outcome.status)).toEqual(['failed', 'failed', 'failed']);
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ incidentType: 'failedJob', activityId: 'send' });
    expect(incident!.message).toContain('smtp down (attempt 3)');
    // Nothing of the failed attempts was written.
    expect(await s.engine.reads.instanceVariables(r.instanceId)).toEqual([]);
    await s.engine.jobs.setRetries(incident!.configuration!, 1);
    expect(await s.advance(0)).toBe(1);
    expect(attempts).toBe(4);
    expect(await s.engine.reads.getInstance(r.instanceId)).toBeNull();
  });

  it('a handler returning a Promise is refused with an incident that points to external tasks', async () => {
    let started = 0;
    const s = await delegateScenario(['delegate-async.bpmn'], {
      fetcher: async (execution: DelegateExecution) => {
        started++;
        execution.setVariable('late', true);
        throw new Error('rejections of refused promises must not crash the process');
      },
    });
    const r = await s.engine.startProcessInstance({ key: 'asyncHandler' });
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'fetch', errorCode: 'HANDLER_ASYNC' });
    expect(incident!.message).toContain('returned a Promise');
    expect(incident!.message).toContain('external task');
    expect(started).toBe(1);
    expect(await s.variables(r.instanceId)).toEqual({});
  });

  it('a BPMN error thrown by a handler keeps the variables set before it and is caught by the error boundary event', async () => {
    const s = await delegateScenario(['delegate-failing.bpmn'], {
      Risky: (execution: DelegateExecution) => {
        execution.setVariable('reason', 'limit');
        execution.throwBpmnError('PAYMENT_REJECTED', 'card declined');
      },
    });
    const r = await s.engine.startProcessInstance({ key: 'failing' });
    expect(await s.engine.reads.incidentsOfInstance(r.instanceId)).toEqual([]);
    expect((await s.engine.reads.findTasks({ processInstanceId: r.instanceId })).map((t) => t.taskDefinitionKey)).toEqual(['review']);
    expect(await s.variables(r.instanceId)).toEqual({ reason: 'limit', errorCode: 'PAYMENT_REJECTED', errorMessage: 'card declined' });
  });

  it('an uncaught BPMN error of a handler ends the path as in Camunda 7, recorded in history', async () => {
    const s = await delegateScenario(['delegate-failing.bpmn'], {
      Risky: (execution: DelegateExecution) => execution.throwBpmnError('OTHER_CODE'),
    });
    const r = await s.engine.startProcessInstance({ key: 'failing' });
    expect(r.ended).toBe(true);
    expect(r.events.map((e) => `${e.type}:${e.elementId}`)).toContain('error.uncaught:risky');
    expect((await s.engine.reads.historicProcessInstance(r.instanceId))?.deleteReason).toContain("BPMN error 'OTHER_CODE' thrown at 'risky' was not caught");
  });

  it('expressions call only the methods of a bean, never what it inherits from Object.prototype', async () => {
    const s = await delegateScenario(['delegate-bean-guard.bpmn'], { calculator: { total: () => 1 } });
    const r = await s.engine.startProcessInstance({ key: 'beanGuard' });
    const [incident] = await s.engine.reads.incidentsOfInstance(r.instanceId);
    expect(incident).toMatchObject({ activityId: 'probe', errorCode: 'EXPRESSION_EVALUATION' });
    expect(incident!.message).toContain("'calculator' has no callable method 'toString'");
  });

  it('handlers can be registered after construction and are then visible to deployments', async () => {
    const engine = new Engine({ store: new InMemoryStore() });
    engine.registerHandler('com.example.payment.ChargeCard', () => undefined);
    engine.registerHandler('notifier', { execute: () => undefined });
    engine.registerHandler('calculator', { total: () => 1 });
    expect(engine.handlerNames()).toEqual(['calculator', 'com.example.payment.ChargeCard', 'notifier']);
    await engine.deploy({ name: 'd', resources: [{ name: 'delegates.bpmn', content: fixture('delegates.bpmn') }] });
    expect(() => engine.registerHandler('bad name!', () => undefined)).toThrow(/not a valid identifier/);
  });
});
