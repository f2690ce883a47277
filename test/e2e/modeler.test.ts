/**
 * The modeler in real headless Chromium against a real Baton server on real Postgres:
 * sign in, first-run state, import an approval BPMN, edit a candidate group in the
 * properties panel, a lint error (Baton's rule set) appears and disappears, a rejected deploy
 * pins the engine's reason on the element, deploy, start an instance with typed variables,
 * the instance view, and the token count on the user task refreshing live.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser } from '../support/browser';
import { ensureWebAppBuilt, startE2eServer, type E2eServer } from '../support/e2e-server';
import { screenshotStats } from '../support/screenshot-check';

const ROOT = resolve(import.meta.dirname, '..', '..');
// The analyst imports the example approval process from processes/ (as a user would).
const APPROVAL = join(ROOT, 'processes', 'approval.bpmn');
const DEMO = { user: 'demo', password: 'demo' };

let server: E2eServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
  ensureWebAppBuilt('modeler');
  server = await startE2eServer('e2e-modeler', { BATON_ADMIN_USER: DEMO.user, BATON_ADMIN_PASSWORD: DEMO.password });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Deploys one BPMN file through the REST API (as demo); answers its definition id. */
async function deployFile(name: string, xml: string): Promise<string> {
  const form = new FormData();
  form.append('deployment-name', name);
  form.append(name, new Blob([xml]), name);
  const auth = { Authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}` };
  const deployed = await (await fetch(`${server.origin}/engine-rest/deployment/create`, { method: 'POST', body: form, headers: auth })).json() as { deployedProcessDefinitions: Record<string, unknown> };
  return Object.keys(deployed.deployedProcessDefinitions)[0]!;
}

const problem = (source: 'lint' | 'deploy') => `[data-testid=problems] li.problem[data-element-id=Task_approve][data-source=${source}]`;

async function expectNonBlank(name: string): Promise<void> {
  const png = await page.screenshot({ path: artifact(name), fullPage: true });
  const stats = await screenshotStats(page, png);
  expect(stats.distinctColors).toBeGreaterThan(20);
  expect(stats.nonWhiteRatio).toBeGreaterThan(0.05);
}

describe('modeler end to end', () => {
  it('signs in with the Baton login and explains the first run', async () => {
    await page.goto(`${server.origin}/modeler/#/processes`);
    await page.fill('#login-user', DEMO.user);
    await page.fill('#login-password', 'wrong');
    await page.click('form.login button[type=submit]');
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password' }).waitFor();
    await page.fill('#login-password', DEMO.password);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('[data-testid=user]');
    await page.waitForSelector('[data-testid=first-run]');
    expect(await page.textContent('[data-testid=first-run]')).toContain('No processes deployed yet');
  });

  it('imports a BPMN file, edits the candidate group, and shows a lint error appear and disappear', async () => {
    await page.click('nav >> text=Editor');
    await page.setInputFiles('[data-testid=open-file]', APPROVAL);
    await page.waitForSelector('g[data-element-id=Task_approve]');
    await page.waitForSelector('[data-testid=no-problems]');
    await page.click('g[data-element-id=Task_approve]');
    await page.click('[data-group-id=group-CamundaPlatform__UserAssignment] .bio-properties-panel-group-header');
    const groups = page.locator('#bio-properties-panel-candidateGroups');
    expect(await groups.inputValue()).toBe('management');
    await groups.fill('${');
    await page.waitForSelector(`${problem('lint')} >> text=/candidateGroups expression/`);
    await page.waitForSelector('.djs-overlays[data-container-id=Task_approve] .bjsl-overlay', { state: 'attached' });

    // Deploying anyway: Baton's deploy error is pinned on the failing element.
    await page.fill('#deploy-name', 'approval-e2e');
    await page.click('[data-testid=deploy-submit]');
    await page.waitForSelector('.djs-overlays[data-container-id=Task_approve] .deploy-error-overlay');
    await page.waitForSelector(problem('deploy'));
    expect(await page.textContent('.deploy-result')).toContain('Deploy failed');

    await groups.fill('accounting');
    await page.waitForSelector(problem('lint'), { state: 'detached' });
    await page.waitForSelector('.djs-overlays[data-container-id=Task_approve] .bjsl-overlay', { state: 'detached' });
  });

  it('keeps the unsaved diagram as a local draft across a reload, with undo', async () => {
    await page.waitForSelector('.draft-status[data-saved=true]');
    await page.reload();
    await page.waitForSelector('g[data-element-id=Task_approve]');
    await page.click('g[data-element-id=Task_approve]');
    await page.click('[data-group-id=group-CamundaPlatform__UserAssignment] .bio-properties-panel-group-header');
    expect(await page.locator('#bio-properties-panel-candidateGroups').inputValue()).toBe('accounting');
    // Keyboard undo on the canvas removes and redo restores the start event's label edit.
    await page.click('g[data-element-id=End_rejected]');
    await page.keyboard.press('Delete');
    await page.waitForSelector('g[data-element-id=End_rejected]', { state: 'detached' });
    await page.keyboard.press('Control+z');
    await page.waitForSelector('g[data-element-id=End_rejected]');
  });

  it('deploys, starts an instance with typed variables, and shows it', async () => {
    await page.click('[data-testid=deploy-submit]');
    await page.waitForSelector('[data-testid=deploy-success]', { timeout: 5000 }).catch(async (e) => {
      throw new Error(`${String(e)}: ${await page.textContent('.deploy-result')} / ${await page.textContent('.notices')}`);
    });
    await page.waitForSelector('.deploy-error-overlay', { state: 'detached' });
    await page.click('[data-testid=deploy-success] a.definition-link');
    await page.waitForSelector('.cockpit-canvas g[data-element-id=Task_approve]');
    await page.click('button:has-text("Start instance…")');
    await page.fill('[data-testid=business-key]', 'INV-42');
    await page.fill('input[aria-label="Name of variable 1"]', 'amount');
    await page.selectOption('select[aria-label="Type of variable 1"]', 'Double');
    await page.fill('input[aria-label="Value of variable 1"]', '250.5');
    await page.click('[data-testid=start-submit]');
    await page.waitForSelector('[data-testid=instance-view] .cockpit-canvas g[data-element-id=Task_approve].baton-active');
    await page.waitForSelector('[data-testid=variables] >> text=250.5');
    expect(await page.textContent('[data-testid=variables]')).toContain('Double');
    await expectNonBlank('modeler-instance.png');

    // The edited candidate group reached the engine.
    const instanceId = decodeURIComponent(page.url().split('#/instance/')[1]!);
    const tasks = await server.api('GET', `/engine-rest/task?processInstanceId=${instanceId}&candidateGroup=accounting`, DEMO);
    expect(tasks.body).toHaveLength(1);
  });

  it('shows the token count on the user task and refreshes it live', async () => {
    await page.click('[data-testid=instance-view] a[href^="#/definition/"]');
    const badge = page.locator('[data-testid=token-count][data-activity-id=Task_approve]');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('1');
    const definitionId = decodeURIComponent(page.url().split('#/definition/')[1]!);
    const started = await server.api('POST', `/engine-rest/process-definition/${definitionId}/start`, DEMO, { businessKey: 'INV-43' });
    expect(started.status).toBe(200);
    await page.waitForSelector('[data-testid=token-count][data-activity-id=Task_approve] >> text="2"');
    await page.waitForSelector('[data-testid=kpi-panel]');
    await expectNonBlank('modeler-definition-cockpit.png');
    // The KPI heat map on the same diagram.
    await page.selectOption('[data-testid=overlay-mode]', 'p90Ms');
    await page.waitForSelector('[data-testid=heat][data-activity-id=StartEvent_requested]');
    await page.waitForSelector('[data-testid=token-count]', { state: 'detached' });
    await page.screenshot({ path: artifact('modeler-heatmap.png') });
  });

  it('shows an incident on the diagram and the instance, retries it, and cancels the instance', async () => {
    const xml = readFileSync(APPROVAL, 'utf8').replace('camunda:candidateGroups="management"', 'camunda:candidateGroups="${group}"')
      .replaceAll('"approval"', '"approvalByGroup"');
    const definitionId = await deployFile('approval-by-group.bpmn', xml);
    const started = await server.api('POST', `/engine-rest/process-definition/${definitionId}/start`, DEMO, {});
    const instanceId = started.body.id as string;

    await page.goto(`${server.origin}/modeler/#/definition/${encodeURIComponent(definitionId)}`);
    await page.waitForSelector('[data-testid=incident-count][data-activity-id=Task_approve] >> text="1"');
    await page.goto(`${server.origin}/modeler/#/instance/${encodeURIComponent(instanceId)}`);
    await page.waitForSelector('.cockpit-canvas g[data-element-id=Task_approve].baton-incident');
    expect(await page.textContent('[data-testid=incidents]')).toContain("Unknown variable 'group'");

    // Fix the cause, then retry from the page: the incident goes, the task is active.
    expect((await server.api('PUT', `/engine-rest/process-instance/${instanceId}/variables/group`, DEMO, { value: 'sales', type: 'String' })).status).toBe(204);
    await page.click('[data-testid=retry-incident]');
    await page.waitForSelector('[data-testid=incidents]', { state: 'detached' });
    await page.waitForSelector('.cockpit-canvas g[data-element-id=Task_approve].baton-active:not(.baton-incident)');

    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=cancel-instance]');
    await page.waitForSelector('[data-testid=instance-view] >> text=/EXTERNALLY_TERMINATED/');
    expect(await page.isHidden('[data-testid=cancel-instance]')).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('shows an instance of a process deployed without a diagram layout: a note, its incident, variables and history', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://baton.dev/e2e">
  <bpmn:process id="noLayout" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="\${group}" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
    const definitionId = await deployFile('no-layout.bpmn', xml);
    const started = await server.api('POST', `/engine-rest/process-definition/${definitionId}/start`, DEMO, { variables: { amount: { value: 5, type: 'Integer' } } });
    const instanceId = started.body.id as string;

    await page.goto(`${server.origin}/modeler/#/instance/${encodeURIComponent(instanceId)}`);
    await page.waitForSelector('[data-testid=diagram-unavailable]');
    expect(await page.textContent('[data-testid=incidents]')).toContain("Unknown variable 'group'");
    expect(await page.textContent('[data-testid=variables]')).toContain('amount');
    expect(await page.textContent('[data-testid=history]')).toContain('start');
    expect(await page.isVisible('[data-testid=retry-incident]')).toBe(true);
    expect(await page.isVisible('[data-testid=cancel-instance]')).toBe(true);
    expect(pageErrors).toEqual([]);

    // An unknown instance offers nothing to cancel.
    await page.goto(`${server.origin}/modeler/#/instance/does-not-exist`);
    await page.waitForSelector('[data-testid=instance-view]');
    expect(await page.isHidden('[data-testid=cancel-instance]')).toBe(true);
  });
});
