/**
 * The deploy form: deployment name and "only if changed"; reports the new versions with
 * links to them, "nothing changed", or the server's errors (element errors go on the canvas).
 */
import type { DeploymentDto, ProcessDefinitionDto } from '../../../api/client';
import type { AppContext } from '../app/context';
import { h, replace } from '../app/dom';
import { errorMessage } from '../app/notices';
import { deployProblems, type DeployProblem } from './deploy-errors';

/** What the panel needs from the editor. */
export interface DeploySource {
  xml(): Promise<string>;
  fileName(): string;
  defaultName(): string;
  /** Called with the element problems of a rejected deploy (empty on success). */
  showProblems(problems: DeployProblem[]): void;
}

/** Builds the deploy panel. */
export function deployPanel(ctx: AppContext, source: DeploySource): HTMLElement {
  // Not `required`: an empty name falls back to the process name (a blocked submit would be silent).
  const name = h('input', { id: 'deploy-name', name: 'deployment-name', autocomplete: 'off', placeholder: 'the process name' });
  const changedOnly = h('input', { id: 'deploy-changed-only', type: 'checkbox', checked: true });
  const result = h('div', { class: 'deploy-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'deploy-submit' }, 'Deploy');
  const form = h('form', { class: 'deploy-form', 'aria-label': 'Deploy' },
    h('label', { for: 'deploy-name' }, 'Deployment name'), name,
    h('label', { class: 'inline' }, changedOnly, ' Only if changed'),
    submit, result,
  );
  name.addEventListener('focus', () => {
    if (!name.value) name.value = source.defaultName();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void deploy();
  });

  async function deploy(): Promise<void> {
    submit.disabled = true;
    replace(result, 'Deploying…');
    try {
      const deploymentName = name.value.trim() || source.defaultName();
      const dto = await ctx.api.deploy({ deploymentName, fileName: source.fileName(), xml: await source.xml(), changedOnly: changedOnly.checked });
      source.showProblems([]);
      renderSuccess(dto);
    } catch (err) {
      const problems = deployProblems(err);
      source.showProblems(problems);
      replace(result, h('p', { class: 'error', role: 'alert' }, `Deploy failed: ${errorMessage(err)}`,
        problems.length ? ` ${problems.length} problem${problems.length === 1 ? '' : 's'} marked on the diagram.` : ''));
    } finally {
      submit.disabled = false;
    }
  }

  function renderSuccess(dto: DeploymentDto): void {
    const defs: ProcessDefinitionDto[] = Object.values(dto.deployedProcessDefinitions ?? {});
    if (defs.length === 0) {
      replace(result, h('p', { 'data-testid': 'deploy-unchanged' }, `Nothing changed since the last deployment named "${dto.name ?? ''}": no new version.`));
      return;
    }
    replace(result, h('p', { 'data-testid': 'deploy-success' }, 'Deployed: ',
      ...defs.map((d) => h('a', { href: `#/definition/${encodeURIComponent(d.id)}`, class: 'definition-link' }, `${d.name ?? d.key} v${d.version}`)),
    ));
    ctx.notices.info(`Deployed ${defs.map((d) => `${d.key} v${d.version}`).join(', ')}`);
  }

  return form;
}
