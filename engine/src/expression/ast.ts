/** Syntax tree of one `${...}` body. Nodes are plain immutable data; the evaluator walks them. */

/** Binary operators, by their canonical symbol (word forms such as `and` are mapped). */
export type BinaryOperator =
  | '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** Unary prefix operators. */
export type UnaryOperator = '-' | '!' | 'empty';

/** One `op right` link of a chain of same-precedence binary operators. */
export interface ChainLink {
  readonly op: BinaryOperator;
  readonly right: Node;
}

/** One postfix step applied to a value: `.name`, `[key]` or `.name(args)`. */
export type Step =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'index'; readonly key: Node }
  | { readonly kind: 'method'; readonly name: string; readonly args: readonly Node[] };

/**
 * An expression. Why chains instead of nested binary nodes: `1+1+...+1` (or `a.b.c...`) from a
 * 10k-character source would otherwise nest thousands deep and overflow the evaluator's stack;
 * a chain is evaluated by a loop, so the tree depth stays bounded by MAX_NESTING_DEPTH.
 */
export type Node =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[] }
  | { readonly kind: 'unary'; readonly op: UnaryOperator; readonly operand: Node }
  | { readonly kind: 'chain'; readonly first: Node; readonly rest: readonly ChainLink[] }
  | {
      readonly kind: 'ternary';
      readonly test: Node;
      readonly consequent: Node;
      readonly alternate: Node;
    }
  | { readonly kind: 'access'; readonly target: Node; readonly steps: readonly Step[] };
