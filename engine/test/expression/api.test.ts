import { describe, it, expect } from 'vitest';
import * as api from '../../src/expression';
import { compileExpression, evaluateCondition, evaluateExpression } from '../../src/expression';
import { context, errorOf } from './helpers';

describe('public API', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(api).sort()).toEqual([
      'EXPRESSION_OBJECT',
      'NOT_FOUND',
      'compileExpression',
      'evaluateCondition',
      'evaluateExpression',
    ]);
    expect(typeof api.NOT_FOUND).toBe('symbol');
    expect(typeof api.EXPRESSION_OBJECT).toBe('symbol');
  });

  it('compiles once and evaluates many times against different contexts', () => {
    const compiled = compileExpression('${amount * 2}');
    expect(compiled.source).toBe('${amount * 2}');
    expect(compiled.isLiteral).toBe(false);
    expect(compiled.evaluate(context({ amount: 2 }))).toBe(4);
    expect(compiled.evaluate(context({ amount: 5 }))).toBe(10);
  });

  it('reports syntax errors at compile time, run-time errors only at evaluation', () => {
    expect(errorOf(() => compileExpression('${a +}')).code).toBe('EXPRESSION_SYNTAX');
    const compiled = compileExpression('${missing + 1}');
    expect(errorOf(() => compiled.evaluate(context())).code).toBe('EXPRESSION_UNKNOWN_VARIABLE');
  });

  it('evaluateExpression caches by source and stays correct beyond the cache size', () => {
    for (let i = 0; i < 1100; i++) {
      expect(evaluateExpression(`\${x + ${i}}`, context({ x: 1 }))).toBe(i + 1);
    }
    expect(evaluateExpression('${x + 0}', context({ x: 2 }))).toBe(2);
    expect(evaluateExpression('${x + 1099}', context({ x: 2 }))).toBe(1101);
  });
});

describe('evaluateCondition', () => {
  it('returns boolean results', () => {
    expect(evaluateCondition('${amount > 1000}', context({ amount: 1500 }))).toBe(true);
    expect(evaluateCondition('#{approved}', context({ approved: false }))).toBe(false);
  });

  it('rejects non-boolean results, including literal text and strings', () => {
    for (const [source, vars] of [
      ['${amount}', { amount: 1 }],
      ["${'true'}", {}],
      ['true', {}],
      ['${x}', { x: null }],
      ['${a} ${b}', { a: true, b: true }],
    ] as const) {
      const error = errorOf(() => evaluateCondition(source, context(vars)));
      expect(error.code).toBe('EXPRESSION_EVALUATION');
      expect(error.message).toContain(`Condition '${source}' did not evaluate to a boolean`);
      expect(error.expression).toBe(source);
    }
  });

  it('passes evaluation errors through unchanged', () => {
    expect(errorOf(() => evaluateCondition('${x > 1}', context())).code).toBe('EXPRESSION_UNKNOWN_VARIABLE');
  });
});
