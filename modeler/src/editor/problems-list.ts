/**
 * The problems list beside the canvas: lint issues (live) and Baton's deploy errors (after a
 * rejected deploy), each naming its element; activating one selects the element on the canvas.
 */
import { h, replace } from '../app/dom';
import { engineSupportedKinds } from '../lint/baton-rules';
import type { LintIssue } from './lint-issues';
import type { DeployProblem } from '../deploy/deploy-errors';

/** A line of the list. */
export interface Problem {
  readonly elementId: string | null;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly source: 'lint' | 'deploy';
  readonly rule?: string;
}

/** Merges deploy problems (first: they block deploying) and lint issues. */
export function mergeProblems(lint: readonly LintIssue[], deploy: readonly DeployProblem[]): Problem[] {
  return [
    ...deploy.map((d): Problem => ({ elementId: d.elementId, message: d.message, severity: 'error', source: 'deploy' })),
    ...lint.map((i): Problem => ({ elementId: i.id, message: i.message, severity: i.category === 'warn' || i.category === 'info' ? 'warning' : 'error', source: 'lint', rule: i.rule })),
  ];
}

/** Renders problems into `root`; `nameOf` gives an element's label, `select` focuses it. */
export function renderProblems(root: HTMLElement, problems: readonly Problem[], nameOf: (id: string) => string, select: (id: string) => void): void {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const heading = h('h2', { id: 'problems-heading' }, `Problems (${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'})`);
  if (problems.length === 0) {
    replace(root, heading, h('p', { class: 'muted', 'data-testid': 'no-problems' }, 'No problems: this diagram can be deployed.'));
    return;
  }
  const items = problems.map((p) =>
    h('li', { class: `problem problem-${p.severity}`, 'data-element-id': p.elementId ?? '', 'data-source': p.source },
      h('button', { type: 'button', class: 'link', disabled: !p.elementId, onclick: () => p.elementId && select(p.elementId) },
        h('span', { class: 'badge' }, p.source === 'deploy' ? 'deploy' : p.severity),
        ' ', h('strong', {}, p.elementId ? nameOf(p.elementId) : 'diagram'), ': ', p.message,
        p.rule ? h('span', { class: 'muted' }, ` (${p.rule})`) : null,
      ),
    ),
  );
  const help = h('p', { class: 'muted small' }, `Baton runs: ${engineSupportedKinds.join(', ')}.`);
  replace(root, heading, h('ul', { class: 'problems', 'aria-labelledby': 'problems-heading' }, ...items), help);
}
