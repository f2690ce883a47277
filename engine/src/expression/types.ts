/**
 * Public types of the expression language: the evaluation context, the brand for objects that
 * expose an explicit allow-list to expressions, and the compiled form.
 */

/** Returned by ExpressionContext.resolve (and ExpressionObject.getProperty) for unknown names. */
export const NOT_FOUND: unique symbol = Symbol('baton.expression.notFound');

/** Brand of an ExpressionObject; only branded objects may expose methods of their own. */
export const EXPRESSION_OBJECT: unique symbol = Symbol('baton.expression.object');

/** Where an expression gets its variables and its clock from. */
export interface ExpressionContext {
  /** Value of a top-level identifier (variable), or NOT_FOUND. */
  resolve(name: string): unknown;
  /** Current time, for now(); injectable clock. */
  now(): Date;
}

/** An object exposed to expressions with an explicit method allow-list (e.g. `execution`). */
export interface ExpressionObject {
  readonly [EXPRESSION_OBJECT]: true;
  /** Calls an allowed method; throw ExpressionError EXPRESSION_EVALUATION for unknown methods. */
  callMethod(name: string, args: readonly unknown[]): unknown;
  /** Reads an allowed property; return NOT_FOUND when there is none. */
  getProperty(name: string): unknown;
}

/** A parsed expression or template, ready to be evaluated many times. */
export interface CompiledExpression {
  readonly source: string;
  /** True when the source contains no ${...}/#{...} at all (a plain string). */
  readonly isLiteral: boolean;
  /** Evaluate. A source that is exactly one `${...}` returns the raw value; a template mixing text and expressions returns a string. */
  evaluate(ctx: ExpressionContext): unknown;
}
