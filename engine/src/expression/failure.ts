/**
 * Error helpers. Run-time helpers throw ExpressionErrors without a source (they do not know it);
 * the compiled expression attaches its source in one place, `withSource`.
 */
import { ExpressionError } from '../errors';
import type { ErrorCode } from '../errors';

type ExpressionCode = ConstructorParameters<typeof ExpressionError>[0];

const MAX_QUOTED = 200;

/** Shortens a source for use inside a message (the full source stays on the error). */
export function quoteSource(source: string): string {
  return source.length > MAX_QUOTED ? `${source.slice(0, MAX_QUOTED)}…` : source;
}

/** Throws a run-time EXPRESSION_EVALUATION error; the source is attached by `withSource`. */
export function fail(message: string): never {
  throw new ExpressionError('EXPRESSION_EVALUATION', message, '');
}

/** Throws EXPRESSION_UNKNOWN_VARIABLE naming the variable (source attached by `withSource`). */
export function failUnknownVariable(name: string): never {
  throw new ExpressionError('EXPRESSION_UNKNOWN_VARIABLE', `Unknown variable '${name}'`, '');
}

/** Builds an EXPRESSION_SYNTAX error for a 0-based offset (reported 1-based). */
export function syntaxError(message: string, pos: number, source: string): ExpressionError {
  const where = `at position ${pos + 1} in expression '${quoteSource(source)}'`;
  return new ExpressionError('EXPRESSION_SYNTAX', `${message} ${where}`, source);
}

/** Attaches the source to ExpressionErrors raised without one (ours and ExpressionObjects'). */
export function withSource(error: unknown, source: string): unknown {
  if (!(error instanceof ExpressionError) || error.expression !== '') return error;
  const message = `${error.message} in expression '${quoteSource(source)}'`;
  return new ExpressionError(expressionCode(error.code), message, source);
}

function expressionCode(code: ErrorCode): ExpressionCode {
  return code === 'EXPRESSION_SYNTAX' || code === 'EXPRESSION_UNKNOWN_VARIABLE'
    ? code
    : 'EXPRESSION_EVALUATION';
}
