/** Limits that keep hostile or accidental input from exhausting the stack or the CPU. */

/** Longest accepted expression source, in characters. */
export const MAX_SOURCE_LENGTH = 10_000;

/** Deepest accepted syntactic nesting (parentheses, unary operators, arguments, branches). */
export const MAX_NESTING_DEPTH = 64;

/** Deepest value structure walked by `==` and contains(); also stops cyclic data. */
export const MAX_VALUE_DEPTH = 100;

/** Number of compiled expressions kept by evaluateExpression's cache. */
export const CACHE_CAPACITY = 1000;
