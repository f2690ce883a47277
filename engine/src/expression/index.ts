/**
 * Baton's expression language: a safe interpreter for the JUEL subset used in Camunda 7 models
 * (`${...}` / `#{...}`). Own tokenizer, parser and evaluator; no eval, Function or vm.
 */
export { EXPRESSION_OBJECT, NOT_FOUND } from './types';
export type { CompiledExpression, ExpressionContext, ExpressionObject } from './types';
export { compileExpression, evaluateCondition, evaluateExpression } from './compile';
