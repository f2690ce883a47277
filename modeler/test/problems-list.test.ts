import { describe, expect, it, vi } from 'vitest';
import { mergeProblems, renderProblems } from '../src/editor/problems-list';
import { flattenIssues } from '../src/editor/lint-issues';

describe('problems list', () => {
  it('puts deploy errors first, then lint errors before warnings', () => {
    const lint = flattenIssues({
      Task_1: [{ id: 'Task_1', message: 'Element is missing label/name', category: 'warn', rule: 'label-required' }],
      Task_2: [{ id: 'Task_2', message: 'Baton cannot run this', category: 'error', rule: 'baton/engine-support' }],
    });
    const problems = mergeProblems(lint, [{ elementId: 'Task_3', message: 'unsupported' }]);
    expect(problems.map((p) => [p.elementId, p.source, p.severity])).toEqual([
      ['Task_3', 'deploy', 'error'], ['Task_2', 'lint', 'error'], ['Task_1', 'lint', 'warning'],
    ]);
  });

  it('renders named items that select their element, and an empty state', () => {
    const root = document.createElement('section');
    const select = vi.fn();
    renderProblems(root, mergeProblems([], [{ elementId: 'Task_3', message: 'unsupported' }, { elementId: null, message: 'whole file' }]), (id) => `Name ${id}`, select);
    expect(root.querySelector('h2')?.textContent).toBe('Problems (2 errors, 0 warnings)');
    const [first, second] = root.querySelectorAll('button');
    expect(first!.textContent).toContain('Name Task_3: unsupported');
    first!.click();
    expect(select).toHaveBeenCalledWith('Task_3');
    expect(second!.disabled).toBe(true);
    renderProblems(root, [], (id) => id, select);
    expect(root.querySelector('[data-testid=no-problems]')).not.toBeNull();
  });
});
