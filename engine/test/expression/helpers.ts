/** Shared helpers for the expression tests (not a test file itself). */
import { ExpressionError } from '../../src/errors';
import { evaluateExpression, NOT_FOUND } from '../../src/expression';
import type { ExpressionContext } from '../../src/expression';

/** A fixed instant used as the injected clock. */
export const NOW = new Date('2024-05-01T12:00:00.000Z');

/** A context over a plain record of variables, with a fixed clock. */
export function context(vars: Record<string, unknown> = {}, now: Date = NOW): ExpressionContext {
  return {
    resolve: (name) => (Object.hasOwn(vars, name) ? vars[name] : NOT_FOUND),
    now: () => now,
  };
}

/** Evaluates a source against the given variables. */
export function run(source: string, vars: Record<string, unknown> = {}): unknown {
  return evaluateExpression(source, context(vars));
}

/** The ExpressionError thrown by `action` (fails the test when none or another error is thrown). */
export function errorOf(action: () => unknown): ExpressionError {
  try {
    action();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('Expected an ExpressionError, but nothing was thrown');
}

/** The ExpressionError thrown when evaluating `source` against `vars`. */
export function runError(source: string, vars: Record<string, unknown> = {}): ExpressionError {
  return errorOf(() => run(source, vars));
}
