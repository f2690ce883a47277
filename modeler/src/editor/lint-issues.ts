/** Lint issues as bpmn-js-bpmnlint reports them, flattened and ordered for the problems list. */

/** Lint issue as bpmn-js-bpmnlint reports it. */
export interface LintIssue {
  readonly id: string;
  readonly message: string;
  readonly category: 'error' | 'warn' | 'info' | 'rule-error';
  readonly rule: string;
}

/** Flattens bpmn-js-bpmnlint's `linting.completed` issues ({ elementId: issue[] }). */
export function flattenIssues(issues: Record<string, Array<Partial<LintIssue>>>): LintIssue[] {
  return Object.entries(issues).flatMap(([id, list]) =>
    list.map((i) => ({ id: i.id ?? id, message: i.message ?? '', category: i.category ?? 'error', rule: i.rule ?? '' })),
  ).sort((a, b) => rank(a.category) - rank(b.category) || a.id.localeCompare(b.id));
}

function rank(c: LintIssue['category']): number {
  return c === 'error' || c === 'rule-error' ? 0 : c === 'warn' ? 1 : 2;
}
