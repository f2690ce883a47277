/**
 * The tasklist end to end: real headless Chromium against a real Baton server (demo data:
 * users, groups, the processes of processes/) on real PostgreSQL. Screenshots of the task
 * list and a task form are saved to test-artifacts/ and checked for content.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, launchBrowser } from '../support/browser';
import { ensureWebAppBuilt, startE2eServer, type E2eServer } from '../support/e2e-server';
import { screenshotStats } from '../support/screenshot-check';

const DEMO = { user: 'demo', password: 'demo' };

let server: E2eServer;
let browser: Browser;

async function startInvoice(businessKey: string, group = 'sales'): Promise<{ instanceId: string; taskId: string }> {
  const res = await server.api('POST', '/engine-rest/process-definition/key/invoice-approval/start', DEMO, {
    businessKey,
    variables: {
      creditor: { value: `Creditor of ${businessKey}`, type: 'String' }, invoiceNumber: { value: 'INV-2025-7', type: 'String' },
      amount: { value: 420, type: 'Double' }, approverGroup: { value: group, type: 'String' },
    },
  });
  expect(res.status).toBe(200);
  const tasks = await server.api('GET', `/engine-rest/task?processInstanceId=${res.body.id}`, DEMO);
  return { instanceId: res.body.id, taskId: tasks.body[0].id };
}

async function signIn(user: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: 'en-GB' })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${server.origin}/`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(user);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Task lists' }).waitFor();
  return page;
}

const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;

async function checkedScreenshot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ fullPage: false });
  writeFileSync(artifact(name), png);
  const stats = await screenshotStats(page, png);
  expect(stats.distinctColors).toBeGreaterThan(20);
  // A light UI: most pixels are near-white, so a few percent of darker pixels means real content.
  expect(stats.nonWhiteRatio).toBeGreaterThan(0.02);
}

beforeAll(async () => {
  ensureWebAppBuilt('tasklist');
  server = await startE2eServer('tasklist-e2e', { BATON_DEMO: 'true' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('tasklist', () => {
  let sales: { instanceId: string; taskId: string };

  it('john claims a sales group task, sees the field error of an invalid value, fixes it and completes', async () => {
    sales = await startInvoice('E2E-1');
    const page = await signIn('john');
    await page.getByRole('link', { name: /My group tasks/ }).click();
    await page.getByRole('link', { name: /Approve invoice.*E2E-1/ }).click();
    await page.getByRole('heading', { name: 'Approve invoice' }).waitFor();
    expect(await page.locator('.task-details').innerText()).toContain('sales');
    await page.getByText('Process diagram').click();
    const highlighted = page.locator('.diagram [data-element-id="approveInvoice"].highlight');
    await highlighted.waitFor();
    expect(await page.locator('.diagram [data-element-id="secondApproval"]').count()).toBe(1);
    await page.locator('.diagram').screenshot({ path: artifact('tasklist-task-diagram.png') });
    await page.getByText('History of this process instance').click();
    await page.locator('.history li', { hasText: 'Invoice received' }).waitFor();
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByText('You claimed the task.').waitFor();

    await expect.poll(() => page.getByLabel(/^Creditor/).inputValue()).toBe('Creditor of E2E-1');
    await page.getByLabel('Approve', { exact: true }).check();
    await page.getByLabel(/Cost center/).fill('sales');
    await page.getByRole('button', { name: 'Complete task' }).click();
    const fieldError = page.getByText('Use two capital letters, a dash and four digits, e.g. SA-1001.').first();
    await fieldError.waitFor();
    await checkedScreenshot(page, 'tasklist-task-form.png');
    expect(await server.api('GET', `/engine-rest/task/${sales.taskId}`, DEMO)).toMatchObject({ status: 200, body: { assignee: 'john' } });

    await page.getByLabel(/Cost center/).fill('SA-1001');
    await page.getByRole('button', { name: 'Complete task' }).click();
    // Completing closes the task and returns to the list it came from.
    await page.getByRole('heading', { name: 'Approve invoice' }).waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.pathname === '/tasklist/' && url.search === '?list=group');
    const next = await server.api('GET', `/engine-rest/task?processInstanceId=${sales.instanceId}`, DEMO);
    expect(next.body.map((t: { taskDefinitionKey: string }) => t.taskDefinitionKey)).toEqual(['prepareTransfer']);
    const vars = await server.api('GET', `/engine-rest/process-instance/${sales.instanceId}/variables`, DEMO);
    expect(vars.body.costCenter.value).toBe('SA-1001');
    // The form shows the amount (read-only); submitting it kept the variable's type.
    expect(vars.body.amount).toMatchObject({ value: 420, type: 'Double' });
    expect(errorsOf(page)).toEqual([]);
  });

  it('a task delegated to john is resolved back to its owner, not completed', async () => {
    const delegated = await startInvoice('E2E-DELEGATED');
    expect((await server.api('POST', `/engine-rest/task/${delegated.taskId}/claim`, DEMO, { userId: 'demo' })).status).toBe(204);
    expect((await server.api('POST', `/engine-rest/task/${delegated.taskId}/delegate`, DEMO, { userId: 'john' })).status).toBe(204);
    const page = await signIn('john');
    await page.goto(`${server.origin}/tasklist/task/${delegated.taskId}`);
    await page.getByRole('heading', { name: 'Approve invoice' }).waitFor();
    await page.getByText('demo delegated this task to you').waitFor();
    await expect.poll(() => page.getByLabel(/^Creditor/).inputValue()).toBe('Creditor of E2E-DELEGATED');
    await page.getByLabel('Approve', { exact: true }).check();
    await page.getByLabel(/Cost center/).fill('SA-1003');
    expect(await page.getByRole('button', { name: 'Complete task' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Resolve task' }).click();
    await page.getByRole('heading', { name: 'Approve invoice' }).waitFor({ state: 'detached' });
    const task = await server.api('GET', `/engine-rest/task/${delegated.taskId}`, DEMO);
    expect(task).toMatchObject({ status: 200, body: { assignee: 'demo', owner: 'demo', delegationState: 'RESOLVED' } });
    const vars = await server.api('GET', `/engine-rest/process-instance/${delegated.instanceId}/variables`, DEMO);
    expect(vars.body.costCenter.value).toBe('SA-1003');
    expect(errorsOf(page)).toEqual([]);
  });

  it('mary (accounting) cannot see a sales task, not even by its URL: a 403 page, not a crash', async () => {
    const other = await startInvoice('E2E-SECRET');
    const page = await signIn('mary');
    await page.getByRole('link', { name: /All tasks/ }).click();
    await page.getByRole('heading', { name: 'All tasks' }).waitFor();
    await page.locator('.task-rows, .empty').first().waitFor();
    expect(await page.getByText('E2E-SECRET').count()).toBe(0);
    await page.goto(`${server.origin}/tasklist/task/${other.taskId}`);
    await page.getByRole('heading', { name: 'Not your task' }).waitFor();
    expect(await page.locator('[data-status="403"]').count()).toBe(1);
    expect(await page.getByText('Approve invoice').count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });

  it('a new task appears without reload; a task completed by someone else disappears with a notice', async () => {
    const page = await signIn('john');
    await page.getByRole('link', { name: /My group tasks/ }).click();
    await page.getByRole('heading', { name: 'My group tasks' }).waitFor();
    const live = await startInvoice('LIVE-1');
    await page.getByRole('link', { name: /LIVE-1/ }).click({ timeout: 10_000 });
    await page.getByRole('heading', { name: 'Approve invoice' }).waitFor();
    const done = await server.api('POST', `/engine-rest/task/${live.taskId}/complete`, DEMO, {
      variables: { decision: { value: 'reject', type: 'String' }, costCenter: { value: 'SA-1002', type: 'String' } },
    });
    expect(done.status).toBe(204);
    await page.getByText('This task was completed or removed by someone else').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Complete task' }).count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });

  it('john starts an expense report; the server’s messages appear next to the generated fields', async () => {
    const page = await signIn('john');
    await page.getByRole('link', { name: 'Start process' }).click();
    await page.getByRole('link', { name: /Expense report/ }).click();
    await page.getByLabel('Purpose *').fill('Train');
    await page.getByLabel('Amount (cents) *').fill('12.5');
    await page.getByLabel('Spent on *').fill('2025-03-01');
    await page.getByRole('button', { name: 'Start process' }).click();
    await page.locator('#field-amountCents-error', { hasText: 'Must be a whole number.' }).waitFor();
    expect(await page.getByLabel('Amount (cents) *').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Amount (cents) *').fill('1250');
    await page.getByLabel('Business key (optional)').fill('EXP-77');
    await page.getByRole('button', { name: 'Start process' }).click();
    await page.getByText('Started “Expense report” (EXP-77).').waitFor();
    const tasks = await server.api('GET', '/engine-rest/task?processInstanceBusinessKey=EXP-77', DEMO);
    expect(tasks.body.map((t: { name: string }) => t.name)).toEqual(['Check expense']);
  });

  it('renders the first page of a list with 1,000 open tasks quickly, also on a phone', async () => {
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => server.engine.startProcessInstance({
        key: 'expense-report', businessKey: `BULK-${batch * 50 + i}`,
        variables: { purpose: { type: 'String', value: `Bulk expense ${batch * 50 + i}` }, amountCents: { type: 'Long', value: 100 + i } },
      })));
    }
    const page = await signIn('john');
    const started = Date.now();
    await page.goto(`${server.origin}/tasklist/?list=group&sort=priority`);
    await page.locator('.task-row').nth(24).waitFor();
    const elapsed = Date.now() - started;
    console.log(`[e2e] first page of ${await page.locator('.list-header .muted').innerText()} rendered in ${elapsed} ms`);
    expect(elapsed).toBeLessThan(3000);
    expect(await page.locator('.task-row').count()).toBe(25);
    expect(Number((await page.getByLabel(/tasks in My group tasks/).innerText()).trim())).toBeGreaterThanOrEqual(1000);
    await page.getByText('Page 1 of').waitFor();
    await checkedScreenshot(page, 'tasklist-list.png');

    const phone = await signIn('john', { width: 390, height: 844 });
    await phone.goto(`${server.origin}/tasklist/?list=group`);
    await phone.locator('.task-row').first().waitFor();
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await checkedScreenshot(phone, 'tasklist-list-phone.png');
    await phone.locator('.task-row a').first().focus();
    await phone.keyboard.press('Enter');
    await phone.getByRole('heading', { name: 'Check expense' }).waitFor();
    expect(await phone.getByRole('button', { name: 'Claim' }).isVisible()).toBe(true);
  });
});
