/** Compilation of templates into CompiledExpressions, a bounded cache, and the entry points. */
import { ExpressionError } from '../errors';
import type { Node } from './ast';
import { evaluateNode } from './evaluator';
import { quoteSource, withSource } from './failure';
import { CACHE_CAPACITY, MAX_SOURCE_LENGTH } from './limits';
import { parse } from './parser';
import { splitTemplate } from './template';
import { tokenize } from './tokenizer';
import type { CompiledExpression, ExpressionContext } from './types';
import { describe, toText } from './values';

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly node: Node };

class Compiled implements CompiledExpression {
  readonly isLiteral: boolean;

  constructor(
    readonly source: string,
    private readonly parts: readonly Part[],
  ) {
    this.isLiteral = parts.every((part) => part.kind === 'text');
  }

  evaluate(ctx: ExpressionContext): unknown {
    try {
      const only = this.parts.length === 1 ? this.parts[0] : undefined;
      if (only?.kind === 'expression') return evaluateNode(only.node, ctx);
      return this.parts.map((part) => this.render(part, ctx)).join('');
    } catch (error) {
      throw withSource(error, this.source);
    }
  }

  private render(part: Part, ctx: ExpressionContext): string {
    return part.kind === 'text' ? part.text : toText(evaluateNode(part.node, ctx));
  }
}

/** Parse (throws EXPRESSION_SYNTAX); used at deploy time so bad expressions are deploy errors. */
export function compileExpression(source: string): CompiledExpression {
  if (source.length > MAX_SOURCE_LENGTH) {
    const size = `${source.length} characters, at most ${MAX_SOURCE_LENGTH}`;
    const message = `Expression is too long (${size}): '${quoteSource(source)}'`;
    throw new ExpressionError('EXPRESSION_SYNTAX', message, source);
  }
  const parts = splitTemplate(source).map((segment): Part => {
    if (segment.kind === 'text') return segment;
    const tokens = tokenize(segment.body, segment.offset, source);
    return { kind: 'expression', node: parse(tokens, source) };
  });
  return new Compiled(source, parts);
}

// Why a Map: it iterates in insertion order, so re-inserting on a hit and evicting the first key
// gives least-recently-used eviction without any extra bookkeeping.
const cache = new Map<string, CompiledExpression>();

function compileCached(source: string): CompiledExpression {
  const hit = cache.get(source);
  if (hit !== undefined) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const compiled = compileExpression(source);
  if (cache.size >= CACHE_CAPACITY) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(source, compiled);
  return compiled;
}

/** Convenience: compile (cached by source, bounded LRU map of ~1000 entries) and evaluate. */
export function evaluateExpression(source: string, ctx: ExpressionContext): unknown {
  return compileCached(source).evaluate(ctx);
}

/** Evaluates a condition; the result must be a boolean, else EXPRESSION_EVALUATION. */
export function evaluateCondition(source: string, ctx: ExpressionContext): boolean {
  const value = evaluateExpression(source, ctx);
  if (typeof value === 'boolean') return value;
  const quoted = quoteSource(source);
  const message = `Condition '${quoted}' did not evaluate to a boolean (got ${describe(value)})`;
  throw new ExpressionError('EXPRESSION_EVALUATION', message, source);
}
