import { describe, it, expect } from 'vitest';
import { ExpressionError } from '../../src/errors';
import { compileExpression } from '../../src/expression';
import { errorOf, runError } from './helpers';

function syntaxErrorOf(source: string): ExpressionError {
  const error = errorOf(() => compileExpression(source));
  expect(error.code).toBe('EXPRESSION_SYNTAX');
  expect(error.expression).toBe(source);
  return error;
}

describe('unknown variables', () => {
  it('names the variable and the expression', () => {
    const error = runError('${x > 1}');
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error.code).toBe('EXPRESSION_UNKNOWN_VARIABLE');
    expect(error.message).toBe("Unknown variable 'x' in expression '${x > 1}'");
    expect(error.expression).toBe('${x > 1}');
  });

  it('reports the first unresolved identifier, also inside templates and arguments', () => {
    expect(runError('Dear ${customer.name}').message).toContain("Unknown variable 'customer'");
    expect(runError("${s.contains(needle)}", { s: 'abc' }).message).toContain("'needle'");
  });
});

describe('syntax errors', () => {
  it.each([
    ['${a +}', 'Unexpected end of expression at position 6'],
    ['${(a + 1}', "Expected ')' but found end of expression at position 9"],
    ['${a + 1)}', "Unexpected ')' at position 8"],
    ['${a b}', "Unexpected 'b' at position 5"],
    ['${}', 'Unexpected end of expression at position 3'],
    ['${a ? b}', "Expected ':' but found end of expression"],
    ['${a[1}', "Expected ']'"],
    ['${f(1,)}', "Unexpected ')'"],
    ['${a.}', 'Expected a property name but found end of expression'],
    ['${a.1}', "Unexpected '.1' at position 4"], // `.1` is a number literal, as in JUEL
    ['${a = 1}', "Unexpected character '=' at position 5"],
    ['${a & b}', "Unexpected character '&'"],
    ['${a instanceof b}', "Reserved word 'instanceof'"],
    ["${'abc}", 'Unterminated string at position 3'],
    ["${'a\\n'}", "Invalid escape sequence '\\n' at position 5"],
    ['text ${a', "Unterminated '${' (missing '}') at position 6"],
    ['#{a', "Unterminated '#{'"],
    ['${1e999}', "Number '1e999' is out of range"],
    ['${a.empty}', "Expected a property name but found 'empty'"],
    ['${x}}${', "Unterminated '${'"],
  ])('%s → %s', (source, message) => {
    expect(syntaxErrorOf(source).message).toContain(message);
  });

  it('includes the source in the message', () => {
    expect(syntaxErrorOf('${1 +* 2}').message).toBe(
      "Unexpected '*' at position 6 in expression '${1 +* 2}'",
    );
  });
});

describe('limits', () => {
  it('accepts 64 levels of nesting and rejects 65 without overflowing the stack', () => {
    const nested = (depth: number) => `\${${'('.repeat(depth)}1${')'.repeat(depth)}}`;
    expect(compileExpression(nested(64)).evaluate({ resolve: () => 1, now: () => new Date() })).toBe(1);
    expect(syntaxErrorOf(nested(65)).message).toContain('nested too deeply');
    expect(syntaxErrorOf(nested(4000)).message).toContain('nested too deeply');
  });

  it('bounds unary and index nesting too', () => {
    expect(syntaxErrorOf(`\${${'-'.repeat(3000)}1}`).message).toContain('nested too deeply');
    expect(syntaxErrorOf(`\${${'!'.repeat(100)}true}`).message).toContain('nested too deeply');
    expect(syntaxErrorOf(`\${a${'[a'.repeat(100)}${']'.repeat(100)}}`).message).toContain('nested too deeply');
  });

  it('evaluates long flat chains without deep recursion', () => {
    const node: Record<string, unknown> = {};
    node['a'] = node;
    const ctx = { resolve: () => node, now: () => new Date() };
    const sum = `\${${Array.from({ length: 3000 }, () => '1').join('+')}}`;
    expect(compileExpression(sum).evaluate(ctx)).toBe(3000);
    const path = `\${x${'.a'.repeat(4000)}}`;
    expect(compileExpression(path).evaluate(ctx)).toBe(node);
    const methods = `\${'a'${'.trim()'.repeat(1000)}}`;
    expect(compileExpression(methods).evaluate(ctx)).toBe('a');
    const logic = `\${${Array.from({ length: 1500 }, () => 'true').join('&&')}}`;
    expect(compileExpression(logic).evaluate(ctx)).toBe(true);
  });

  it('rejects sources longer than 10,000 characters', () => {
    const atLimit = `\${${'1+'.repeat(4997)}1}`;
    expect(atLimit.length).toBeLessThanOrEqual(10_000);
    expect(compileExpression(atLimit).isLiteral).toBe(false);
    const error = syntaxErrorOf(`\${${'1+'.repeat(10_000)}1}`);
    expect(error.message).toContain('too long (20004 characters, at most 10000)');
    expect(error.message.length).toBeLessThan(400);
    expect(syntaxErrorOf('x'.repeat(10_001)).message).toContain('too long');
  });
});
