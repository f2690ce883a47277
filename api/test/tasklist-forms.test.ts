/**
 * Tasklist forms over HTTP with the demo processes: resolved Camunda Forms and generated
 * forms, prefill variables, and server-side validation of submit-form (400 with per-field
 * messages, nothing started or completed) for start and task forms; access per user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Credentials, type TestServer } from './support/test-server';

const JOHN: Credentials = { user: 'john', password: 'john' };
const MARY: Credentials = { user: 'mary', password: 'mary' };

let s: TestServer;
let invoiceId: string;
let expenseId: string;

const validInvoice = (amount: number) => ({
  creditor: { value: 'Great Pizza Ltd', type: 'String' },
  invoiceNumber: { value: 'INV-2025-42', type: 'String' },
  amount: { value: amount, type: 'Double' },
  invoiceDate: { value: '2025-03-01', type: 'String' },
  approverGroup: { value: 'sales', type: 'String' },
});

async function groupTaskOf(as: Credentials, key: string) {
  const page = await s.call('GET', `/tasklist/tasks?list=group&search=${encodeURIComponent(key)}`, undefined, as);
  expect(page.status).toBe(200);
  return page.body.items as Array<{ id: string; processInstanceId: string; taskDefinitionKey: string; processDefinitionName: string }>;
}

beforeAll(async () => {
  s = await startTestServer('tasklist-forms', { BATON_DEMO: 'true' });
  const defs = await s.call('GET', '/process-definition?latestVersion=true');
  const byKey = new Map((defs.body as Array<{ key: string; id: string }>).map((d) => [d.key, d.id]));
  invoiceId = byKey.get('invoice-approval')!;
  expenseId = byKey.get('expense-report')!;
});
afterAll(() => s?.close());

describe('start forms', () => {
  it('the demo deploys the invoice, vacation and expense processes with their Camunda Forms', async () => {
    const defs = await s.call('GET', '/process-definition?latestVersion=true');
    expect((defs.body as Array<{ key: string }>).map((d) => d.key).sort()).toEqual(expect.arrayContaining(['expense-report', 'invoice-approval', 'vacation-request']));
    const form = await s.call('GET', `/process-definition/${invoiceId}/form-definition`, undefined, JOHN);
    expect(form.status).toBe(200);
    expect(form.body.kind).toBe('camunda-form');
    expect(form.body.schema.id).toBe('invoice-start');
    const vacation = await s.call('GET', '/process-definition/key/vacation-request/deployed-start-form', undefined, JOHN);
    expect(vacation.body.id).toBe('vacation-request');
  });

  it('rejects invalid start values with a message per field and starts nothing', async () => {
    const before = (await s.call('GET', '/process-instance/count')).body.count as number;
    const res = await s.call('POST', `/process-definition/${invoiceId}/submit-form`, {
      variables: { invoiceNumber: { value: 'nope', type: 'String' }, amount: { value: 0, type: 'Double' }, approverGroup: { value: 'sales', type: 'String' } },
    }, JOHN);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('InvalidRequestException');
    expect(res.body.details.fieldErrors).toEqual({
      creditor: 'This field is required.',
      invoiceDate: 'This field is required.',
      invoiceNumber: 'Use the format INV-2025-42 (prefix, year, number).',
      amount: 'Must be at least 0.01.',
    });
    expect((await s.call('GET', '/process-instance/count')).body.count).toBe(before);
  });

  it('rejects a value of the wrong type and an unknown select option', async () => {
    const res = await s.call('POST', `/process-definition/${invoiceId}/submit-form`, {
      variables: { ...validInvoice(10), amount: { value: 'ten', type: 'String' }, approverGroup: { value: 'marketing', type: 'String' } },
    }, JOHN);
    expect(res.status).toBe(400);
    expect(res.body.details.fieldErrors).toEqual({ amount: 'Must be a number.', approverGroup: 'Must be one of: sales, management, accounting.' });
  });
});

describe('task forms', () => {
  it('john completes a sales approval after fixing an invalid cost center; mary may not touch it', async () => {
    const started = await s.call('POST', `/process-definition/${invoiceId}/submit-form`, { variables: validInvoice(250), businessKey: 'INV-2025-42' }, JOHN);
    expect(started.status).toBe(200);
    const [task] = (await groupTaskOf(JOHN, 'INV-2025-42')).filter((t) => t.processInstanceId === started.body.id);
    expect(task).toMatchObject({ taskDefinitionKey: 'approveInvoice', processDefinitionName: 'Invoice approval' });

    const form = await s.call('GET', `/task/${task!.id}/form-definition`, undefined, JOHN);
    expect(form.body.kind).toBe('camunda-form');
    expect(form.body.schema.id).toBe('approve-invoice');
    const prefill = await s.call('GET', `/task/${task!.id}/form-variables`, undefined, JOHN);
    expect(prefill.body.creditor).toEqual({ value: 'Great Pizza Ltd', type: 'String', valueInfo: {} });

    expect((await s.call('GET', `/task/${task!.id}/form-definition`, undefined, MARY)).status).toBe(403);
    const maryTry = await s.call('POST', `/task/${task!.id}/submit-form`, { variables: {} }, MARY);
    expect(maryTry.status).toBe(403);

    const invalid = await s.call('POST', `/task/${task!.id}/submit-form`, {
      variables: { decision: { value: 'approve', type: 'String' }, costCenter: { value: 'sales', type: 'String' } },
    }, JOHN);
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.fieldErrors).toEqual({ costCenter: 'Use two capital letters, a dash and four digits, e.g. SA-1001.' });
    expect((await s.call('GET', `/task/${task!.id}`, undefined, JOHN)).status).toBe(200);

    const ok = await s.call('POST', `/task/${task!.id}/submit-form`, {
      variables: { decision: { value: 'approve', type: 'String' }, costCenter: { value: 'SA-1001', type: 'String' } },
    }, JOHN);
    expect(ok.status).toBe(204);
    expect((await s.call('GET', `/task/${task!.id}`, undefined, JOHN)).status).toBe(404);
    const next = await s.call('GET', `/task?processInstanceId=${started.body.id}`);
    expect(next.body.map((t: { taskDefinitionKey: string }) => t.taskDefinitionKey)).toEqual(['prepareTransfer']);
  });

  it('routes invoices over 1,000 to a second approval by management', async () => {
    const started = await s.call('POST', `/process-definition/${invoiceId}/submit-form`, { variables: validInvoice(5000) }, JOHN);
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.body.id}`)).body as Array<{ id: string; priority: number }>;
    expect(task!.priority).toBe(70);
    await s.call('POST', `/task/${task!.id}/claim`, { userId: 'john' }, JOHN);
    const done = await s.call('POST', `/task/${task!.id}/submit-form`, {
      variables: { decision: { value: 'approve', type: 'String' }, costCenter: { value: 'SA-2002', type: 'String' } },
    }, JOHN);
    expect(done.status).toBe(204);
    const next = await s.call('GET', `/task?processInstanceId=${started.body.id}`);
    expect(next.body.map((t: { taskDefinitionKey: string }) => t.taskDefinitionKey)).toEqual(['secondApproval']);
  });

  it('validates generated forms (camunda:formData): required, types, min/max, enum; prefills defaults', async () => {
    const form = await s.call('GET', `/process-definition/${expenseId}/form-definition`, undefined, JOHN);
    expect(form.body.kind).toBe('generated');
    expect(form.body.fields.map((f: { id: string }) => f.id)).toEqual(['purpose', 'amountCents', 'spentOn', 'category', 'receiptAttached']);
    const defaults = await s.call('GET', `/process-definition/${expenseId}/form-variables`, undefined, JOHN);
    expect(defaults.body).toMatchObject({ category: { value: 'travel', type: 'String' }, receiptAttached: { value: false, type: 'Boolean' } });

    const bad = await s.call('POST', `/process-definition/${expenseId}/submit-form`, {
      variables: { purpose: { value: 'ab', type: 'String' }, amountCents: { value: 12.5, type: 'Double' }, category: { value: 'fun', type: 'String' }, spentOn: { value: 'yesterday', type: 'Date' } },
    }, JOHN);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fieldErrors).sort()).toEqual(['amountCents', 'category', 'purpose', 'spentOn']);
    expect(bad.body.details.fieldErrors.amountCents).toBe('Must be a whole number.');
    expect(bad.body.details.fieldErrors.purpose).toBe('Must have at least 3 characters.');

    const ok = await s.call('POST', `/process-definition/${expenseId}/submit-form`, {
      variables: { purpose: { value: 'Train to Berlin', type: 'String' }, amountCents: { value: 8900, type: 'Long' }, spentOn: { value: '2025-03-01T00:00:00.000+0000', type: 'Date' }, category: { value: 'travel', type: 'String' } },
    }, JOHN);
    expect(ok.status).toBe(200);
    const [task] = (await s.call('GET', `/task?processInstanceId=${ok.body.id}`)).body as Array<{ id: string }>;
    const prefill = await s.call('GET', `/task/${task!.id}/form-variables`, undefined, JOHN);
    expect(prefill.body).toMatchObject({ accepted: { value: true, type: 'Boolean' }, purpose: { value: 'Train to Berlin' } });
    const tooMuch = await s.call('POST', `/task/${task!.id}/submit-form`, { variables: { reimburseCents: { value: 900000, type: 'Long' } } }, JOHN);
    expect(tooMuch.body.details.fieldErrors).toEqual({ reimburseCents: 'Must be at most 500000.' });
  });
});

describe('vacation request', () => {
  it('escalates to management when the approval waits 3 days (timer boundary event)', async () => {
    const started = await s.call('POST', '/process-definition/key/vacation-request/submit-form', {
      variables: {
        employee: { value: 'John Doe', type: 'String' }, requesterGroup: { value: 'sales', type: 'String' },
        firstDay: { value: '2025-07-01', type: 'String' }, lastDay: { value: '2025-07-14', type: 'String' }, days: { value: 10, type: 'Long' },
      },
    }, JOHN);
    expect(started.status).toBe(200);
    const jobs = await s.call('GET', `/job?processInstanceId=${started.body.id}`);
    expect(jobs.body).toHaveLength(1);
    expect(Date.parse(jobs.body[0].dueDate.replace(/(\d{2})(\d{2})$/, '$1:$2')) - Date.now()).toBeGreaterThan(2.9 * 24 * 3600_000);
    expect((await s.call('POST', `/job/${jobs.body[0].id}/execute`)).status).toBe(204);
    const tasks = await s.call('GET', `/task?processInstanceId=${started.body.id}`);
    expect(tasks.body.map((t: { taskDefinitionKey: string; priority: number }) => [t.taskDefinitionKey, t.priority])).toEqual([['escalateVacation', 90]]);
    const form = await s.call('GET', `/task/${tasks.body[0].id}/form-definition`, undefined, { user: 'peter', password: 'peter' });
    expect(form.body.schema.id).toBe('approve-vacation');
  });
});
