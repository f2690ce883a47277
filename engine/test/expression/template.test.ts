import { describe, it, expect } from 'vitest';
import { compileExpression } from '../../src/expression';
import { context, run, runError } from './helpers';

describe('templates', () => {
  it('returns plain text unchanged and marks it literal', () => {
    const compiled = compileExpression('just text, a $ and a # and {braces}');
    expect(compiled.isLiteral).toBe(true);
    expect(compiled.evaluate(context())).toBe('just text, a $ and a # and {braces}');
    expect(compileExpression('').evaluate(context())).toBe('');
  });

  it('returns the raw value of a source that is exactly one expression', () => {
    const list = [1, 2];
    expect(run('${list}', { list })).toBe(list);
    expect(run('${5}')).toBe(5);
    expect(run('#{true}')).toBe(true);
    expect(run('${x}', { x: null })).toBeNull();
    expect(compileExpression('${x}').isLiteral).toBe(false);
  });

  it('concatenates text and expressions into a string', () => {
    expect(run('Hello ${name}!', { name: 'Ada' })).toBe('Hello Ada!');
    expect(run('${a}${b}', { a: 1, b: 2 })).toBe('12');
    expect(run(' ${a}', { a: 1 })).toBe(' 1');
    expect(run('${a}-#{b}', { a: 'x', b: 'y' })).toBe('x-y');
  });

  it('coerces values to text: null → "", dates → ISO, data → JSON', () => {
    const vars = { n: null, d: new Date('2024-01-02T03:04:05.000Z'), m: { a: [1, 'x'] }, t: true };
    expect(run('[${n}]', vars)).toBe('[]');
    expect(run('at ${d}', vars)).toBe('at 2024-01-02T03:04:05.000Z');
    expect(run('m=${m}', vars)).toBe('m={"a":[1,"x"]}');
    expect(run('${t} ${1.5}', vars)).toBe('true 1.5');
  });

  it('keeps a } inside a string literal within the expression', () => {
    expect(run("${a == '}'}", { a: '}' })).toBe(true);
    expect(run('x${"{}"}y')).toBe('x{}y');
  });

  it('treats \\${ as an escaped literal ${', () => {
    const compiled = compileExpression('cost: \\${price} and \\#{x}');
    expect(compiled.isLiteral).toBe(true);
    expect(compiled.evaluate(context())).toBe('cost: ${price} and #{x}');
  });

  it('refuses to render functions and cyclic data as text', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(runError('a ${f}', { f: () => 1 }).code).toBe('EXPRESSION_EVALUATION');
    expect(runError('a ${c}', { c: cyclic }).code).toBe('EXPRESSION_EVALUATION');
  });
});
