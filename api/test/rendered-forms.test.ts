import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;
const expense = readFileSync(join(import.meta.dirname, '..', '..', 'processes', 'expense.bpmn'), 'utf8');

async function html(path: string, as?: Credentials | null) {
  const res = await fetch(s.base + path, { headers: authHeader(as) });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

beforeAll(async () => {
  s = await startTestServer('rendered-forms');
  john = await s.createUser('john', ['sales']);
  await s.deploy({ 'expense.bpmn': expense, 'u.bpmn': engineFixture('user-task.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

describe('rendered forms (generated camunda:formData forms as HTML)', () => {
  it('renders the start form and a task form with Camunda’s cam-variable attributes and constraints', async () => {
    const start = await html('/process-definition/key/expense-report/rendered-form');
    expect([start.status, start.type]).toEqual([200, 'application/xhtml+xml']);
    expect(start.text).toBe(
      '<form class="form-horizontal">' +
        '<div class="form-group"><label for="purpose">Purpose</label><input class="form-control" type="text" name="purpose" cam-variable-name="purpose" cam-variable-type="String" required minlength="3" maxlength="200" /></div>' +
        '<div class="form-group"><label for="amountCents">Amount (cents)</label><input class="form-control" type="text" name="amountCents" cam-variable-name="amountCents" cam-variable-type="Long" required min="1" max="500000" /></div>' +
        '<div class="form-group"><label for="spentOn">Spent on</label><input class="form-control" type="text" name="spentOn" cam-variable-name="spentOn" cam-variable-type="Date" required uib-datepicker-popup="dd/MM/yyyy" /></div>' +
        '<div class="form-group"><label for="category">Category</label><select class="form-control" name="category" cam-variable-name="category" cam-variable-type="String"><option value="travel" selected>Travel</option><option value="meals">Meals</option><option value="equipment">Equipment</option></select></div>' +
        '<div class="form-group"><label for="receiptAttached">Receipt attached</label><input type="checkbox" name="receiptAttached" cam-variable-name="receiptAttached" cam-variable-type="Boolean" /></div>' +
        '</form>',
    );
    const definitionId = (await s.call('GET', '/process-definition/key/expense-report')).body.id;
    expect((await html(`/process-definition/${definitionId}/rendered-form`)).text).toBe(start.text);

    const { body: started } = await s.call('POST', '/process-definition/key/expense-report/start', {
      variables: { purpose: { value: 'Train' }, amountCents: { value: 1200, type: 'Long' }, spentOn: { value: '2024-01-02T00:00:00.000+0000', type: 'Date' }, category: { value: 'travel' }, receiptAttached: { value: true } },
    });
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.id}`)).body;
    const form = await html(`/task/${task.id}/rendered-form`, john);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<input type="checkbox" name="accepted" cam-variable-name="accepted" cam-variable-type="Boolean" checked />');
    expect(form.text).toContain('name="checkNote" cam-variable-name="checkNote" cam-variable-type="String" maxlength="500"');
  });

  it('answers 404 without a generated form or for unknown ids, 401 and 403 as the rest of the API', async () => {
    const { body: started } = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: '<b>x</b>' }, reviewer: { value: 'admin' }, prio: { value: 1 } } });
    const [task] = (await s.call('GET', `/task?processInstanceId=${started.id}`)).body;
    expect((await html(`/task/${task.id}/rendered-form`)).status).toBe(404);
    expect((await html('/process-definition/key/userTaskProcess/rendered-form')).status).toBe(404);
    expect((await html('/task/no-such-task/rendered-form')).status).toBe(404);
    expect((await html('/process-definition/key/expense-report/rendered-form', null)).status).toBe(401);
    const forJohn = await html('/process-definition/key/expense-report/rendered-form', john);
    expect([forJohn.status, JSON.parse(forJohn.text).type]).toEqual([403, 'AuthorizationException']);
    // outsider is neither assignee nor candidate of the task.
    const outsider = await s.createUser('outsider', ['accounting']);
    expect((await html(`/task/${task.id}/rendered-form`, outsider)).status).toBe(403);
  });
});
