/** Tree-walking evaluator. Chains and postfix steps are loops, so recursion depth stays bounded. */
import type { ChainLink, Node, Step, UnaryOperator } from './ast';
import { toBoolean } from './coercion';
import { fail, failUnknownVariable } from './failure';
import { assertAllowedName, readIndex, readProperty } from './members';
import { invokeMethod } from './methods';
import { arithmetic, compare, isEmpty, looseEquals, negate } from './operators';
import { NOT_FOUND } from './types';
import type { ExpressionContext } from './types';

/** Top-level functions; the only ones an expression may call. */
const FUNCTIONS: ReadonlyMap<string, (ctx: ExpressionContext) => unknown> = new Map([
  ['now', (ctx: ExpressionContext) => ctx.now()],
  // Camunda's dateTime() returns a Joda DateTime; we have one date type, so it equals now().
  ['dateTime', (ctx: ExpressionContext) => ctx.now()],
]);

/** Evaluates an AST node; errors carry no source yet (the compiled expression attaches it). */
export function evaluateNode(node: Node, ctx: ExpressionContext): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'identifier':
      return resolveVariable(node.name, ctx);
    case 'call':
      return callFunction(node.name, node.args.length, ctx);
    case 'unary':
      return applyUnary(node.op, evaluateNode(node.operand, ctx));
    case 'chain':
      return node.rest.reduce<unknown>(
        (left, link) => applyLink(left, link, ctx),
        evaluateNode(node.first, ctx),
      );
    case 'ternary':
      return toBoolean(evaluateNode(node.test, ctx))
        ? evaluateNode(node.consequent, ctx)
        : evaluateNode(node.alternate, ctx);
    case 'access':
      return node.steps.reduce<unknown>(
        (target, step) => applyStep(target, step, ctx),
        evaluateNode(node.target, ctx),
      );
  }
}

function resolveVariable(name: string, ctx: ExpressionContext): unknown {
  // Forbidden names are refused before the context sees them, whatever its implementation.
  assertAllowedName(name);
  const value = ctx.resolve(name);
  return value === NOT_FOUND ? failUnknownVariable(name) : value;
}

function callFunction(name: string, argCount: number, ctx: ExpressionContext): unknown {
  const fn = FUNCTIONS.get(name);
  if (fn === undefined) fail(`Unknown function '${name}()'; only now() and dateTime() exist`);
  if (argCount !== 0) fail(`Function '${name}()' takes no arguments but got ${argCount}`);
  return fn(ctx);
}

function applyUnary(op: UnaryOperator, value: unknown): unknown {
  switch (op) {
    case '-':
      return negate(value);
    case '!':
      return !toBoolean(value);
    case 'empty':
      return isEmpty(value);
  }
}

/** Applies `left op right`; the right side is evaluated only when needed (short circuit). */
function applyLink(left: unknown, { op, right }: ChainLink, ctx: ExpressionContext): unknown {
  switch (op) {
    case '&&':
      return toBoolean(left) && toBoolean(evaluateNode(right, ctx));
    case '||':
      return toBoolean(left) || toBoolean(evaluateNode(right, ctx));
    case '==':
      return looseEquals(left, evaluateNode(right, ctx));
    case '!=':
      return !looseEquals(left, evaluateNode(right, ctx));
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(op, left, evaluateNode(right, ctx));
    default:
      return arithmetic(op, left, evaluateNode(right, ctx));
  }
}

function applyStep(target: unknown, step: Step, ctx: ExpressionContext): unknown {
  switch (step.kind) {
    case 'property':
      return readProperty(target, step.name);
    case 'index':
      return readIndex(target, evaluateNode(step.key, ctx));
    case 'method':
      return invokeMethod(target, step.name, step.args.map((arg) => evaluateNode(arg, ctx)));
  }
}
