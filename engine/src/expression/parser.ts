/**
 * Precedence-climbing parser producing the AST of one expression body. JUEL precedence, low to
 * high: `?:`, `||`, `&&`, `== !=`, `< > <= >=`, `+ -`, `* / %`, unary `- ! empty`, postfix.
 */
import type { BinaryOperator, ChainLink, Node, Step } from './ast';
import { syntaxError } from './failure';
import { MAX_NESTING_DEPTH } from './limits';
import type { Token } from './tokenizer';

const PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ['||', 1],
  ['&&', 2],
  ['==', 3],
  ['!=', 3],
  ['<', 4],
  ['>', 4],
  ['<=', 4],
  ['>=', 4],
  ['+', 5],
  ['-', 5],
  ['*', 6],
  ['/', 6],
  ['%', 6],
]);

/** Parses the tokens of one expression body into an AST; throws EXPRESSION_SYNTAX. */
export function parse(tokens: readonly Token[], source: string): Node {
  return new Parser(tokens, source).parseBody();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: string,
  ) {}

  parseBody(): Node {
    const node = this.ternary();
    const rest = this.peek();
    if (rest.type !== 'end') throw this.unexpected(rest);
    return node;
  }

  /** A nested full expression (parentheses, arguments, index, branches): counts towards depth. */
  private nested(): Node {
    return this.enter(() => this.ternary());
  }

  private enter(parse: () => Node): Node {
    if (this.depth >= MAX_NESTING_DEPTH) {
      const message = `Expression is nested too deeply (more than ${MAX_NESTING_DEPTH} levels)`;
      throw syntaxError(message, this.peek().pos, this.source);
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private ternary(): Node {
    const test = this.binary(1);
    if (!this.accept('?')) return test;
    const consequent = this.nested();
    this.expect(':');
    const alternate = this.nested();
    return { kind: 'ternary', test, consequent, alternate };
  }

  /** Operators of one precedence level are collected into one chain (see Node in ast.ts). */
  private binary(minPrecedence: number): Node {
    let left = this.unary();
    for (;;) {
      const level = this.peekPrecedence();
      if (level === undefined || level < minPrecedence) return left;
      const rest: ChainLink[] = [];
      while (this.peekPrecedence() === level) {
        const op = this.next().value as BinaryOperator; // PRECEDENCE only holds BinaryOperators
        rest.push({ op, right: this.binary(level + 1) });
      }
      left = { kind: 'chain', first: left, rest };
    }
  }

  private unary(): Node {
    const token = this.peek();
    if (token.type === 'operator') {
      const op = token.value;
      if (op === '-' || op === '!' || op === 'empty') {
        this.next();
        return { kind: 'unary', op, operand: this.enter(() => this.unary()) };
      }
    }
    return this.postfix();
  }

  private postfix(): Node {
    const target = this.primary();
    const steps: Step[] = [];
    for (;;) {
      if (this.accept('.')) steps.push(this.member());
      else if (this.accept('[')) {
        steps.push({ kind: 'index', key: this.nested() });
        this.expect(']');
      } else break;
    }
    return steps.length === 0 ? target : { kind: 'access', target, steps };
  }

  private member(): Step {
    const name = this.next();
    if (name.type !== 'identifier') {
      const message = `Expected a property name but found ${describe(name)}`;
      throw syntaxError(message, name.pos, this.source);
    }
    if (!this.accept('(')) return { kind: 'property', name: name.value };
    return { kind: 'method', name: name.value, args: this.argumentsAfterParen() };
  }

  private primary(): Node {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: this.number(token) };
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'literal':
        return { kind: 'literal', value: token.value === 'null' ? null : token.value === 'true' };
      case 'identifier':
        if (!this.accept('(')) return { kind: 'identifier', name: token.value };
        return { kind: 'call', name: token.value, args: this.argumentsAfterParen() };
      default:
        if (token.type === 'operator' && token.value === '(') {
          const inner = this.nested();
          this.expect(')');
          return inner;
        }
        throw this.unexpected(token);
    }
  }

  private number(token: Token): number {
    const value = Number(token.value);
    if (!Number.isFinite(value)) {
      throw syntaxError(`Number '${token.raw}' is out of range`, token.pos, this.source);
    }
    return value;
  }

  private argumentsAfterParen(): Node[] {
    const args: Node[] = [];
    if (this.accept(')')) return args;
    do args.push(this.nested());
    while (this.accept(','));
    this.expect(')');
    return args;
  }

  private peek(): Token {
    // The token list always ends with an 'end' token, and next() never moves past it.
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index++;
    return token;
  }

  private peekPrecedence(): number | undefined {
    const token = this.peek();
    return token.type === 'operator' ? PRECEDENCE.get(token.value) : undefined;
  }

  private accept(operator: string): boolean {
    const token = this.peek();
    if (token.type !== 'operator' || token.value !== operator) return false;
    this.index++;
    return true;
  }

  private expect(operator: string): void {
    const token = this.peek();
    if (this.accept(operator)) return;
    const message = `Expected '${operator}' but found ${describe(token)}`;
    throw syntaxError(message, token.pos, this.source);
  }

  private unexpected(token: Token): Error {
    return syntaxError(`Unexpected ${describe(token)}`, token.pos, this.source);
  }
}

function describe(token: Token): string {
  return token.type === 'end' ? 'end of expression' : `'${token.raw}'`;
}
