import { describe, it, expect } from 'vitest';
import { run, runError } from './helpers';

describe('literals', () => {
  it('parses numbers, strings, booleans and null', () => {
    expect(run('${42}')).toBe(42);
    expect(run('${1.5}')).toBe(1.5);
    expect(run('${1e3}')).toBe(1000);
    expect(run('${2.5E-1}')).toBe(0.25);
    expect(run('${.5}')).toBe(0.5);
    expect(run("${'single'}")).toBe('single');
    expect(run('${"double"}')).toBe('double');
    expect(run("${'it\\'s \\\\ \\\"q\\\"'}")).toBe('it\'s \\ "q"');
    expect(run('${"say \\"hi\\""}')).toBe('say "hi"');
    expect(run('${true}')).toBe(true);
    expect(run('${false}')).toBe(false);
    expect(run('${null}')).toBeNull();
  });
});

describe('arithmetic', () => {
  it('computes + - * / % and their word forms', () => {
    expect(run('${1 + 2}')).toBe(3);
    expect(run('${5 - 7}')).toBe(-2);
    expect(run('${3 * 4}')).toBe(12);
    expect(run('${7 / 2}')).toBe(3.5);
    expect(run('${7 div 2}')).toBe(3.5);
    expect(run('${7 % 3}')).toBe(1);
    expect(run('${-7 mod 3}')).toBe(-1);
    expect(run('${7.5 % 2}')).toBe(1.5);
  });

  it('follows precedence and left associativity', () => {
    expect(run('${1 + 2 * 3}')).toBe(7);
    expect(run('${(1 + 2) * 3}')).toBe(9);
    expect(run('${10 - 4 - 3}')).toBe(3);
    expect(run('${2 * 6 / 3 % 3}')).toBe(1);
    expect(run('${1 - 2 + 3}')).toBe(2);
  });

  it('supports unary minus, also on variables and nested', () => {
    expect(run('${-x}', { x: 4 })).toBe(-4);
    expect(run('${- -3}')).toBe(3);
    expect(run("${-'2'}")).toBe(-2);
    expect(run('${-x.y}', { x: { y: 2 } })).toBe(-2);
  });

  it('coerces numeric strings and null like JUEL; + is not concatenation', () => {
    expect(run("${'1' + '2'}")).toBe(3);
    expect(run("${x * '1.5'}", { x: 2 })).toBe(3);
    expect(run('${x + 1}', { x: null })).toBe(1);
    expect(runError("${'a' + 'b'}").message).toContain("Cannot coerce 'a' to a number");
  });

  it('rejects booleans, objects and non-numeric strings', () => {
    expect(runError('${true + 1}').code).toBe('EXPRESSION_EVALUATION');
    expect(runError('${m * 2}', { m: {} }).code).toBe('EXPRESSION_EVALUATION');
    expect(runError('${l - 1}', { l: [] }).code).toBe('EXPRESSION_EVALUATION');
    expect(runError("${' 1' + 1}").code).toBe('EXPRESSION_EVALUATION');
    expect(runError('${-true}').code).toBe('EXPRESSION_EVALUATION');
  });

  it('fails on division by zero and non-finite results', () => {
    expect(runError('${1 / 0}').message).toContain('Division by zero');
    expect(runError('${1 % 0}').message).toContain('Division by zero');
    expect(runError('${x / y}', { x: 1, y: '0' }).message).toContain('Division by zero');
    expect(runError('${1e308 * 10}').code).toBe('EXPRESSION_EVALUATION');
  });
});

describe('equality', () => {
  it('compares with == eq != ne', () => {
    expect(run('${1 == 1}')).toBe(true);
    expect(run('${1 eq 2}')).toBe(false);
    expect(run('${1 != 2}')).toBe(true);
    expect(run("${'a' ne 'a'}")).toBe(false);
    expect(run("${'a' == 'a'}")).toBe(true);
  });

  it('coerces numbers and numeric strings numerically', () => {
    expect(run("${1 == '1'}")).toBe(true);
    expect(run("${'1.0' == 1}")).toBe(true);
    expect(run('${x == 2}', { x: '2' })).toBe(true);
    expect(run("${'1' == '1.0'}")).toBe(false); // two strings compare as strings
    expect(runError("${1 == 'abc'}").code).toBe('EXPRESSION_EVALUATION');
  });

  it('handles null on either side', () => {
    expect(run('${x == null}', { x: null })).toBe(true);
    expect(run('${null == null}')).toBe(true);
    expect(run('${x != null}', { x: 0 })).toBe(true);
    expect(run('${null == 0}')).toBe(false);
    expect(run("${'' == null}")).toBe(false);
  });

  it('coerces booleans and "true"/"false" strings', () => {
    expect(run("${true == 'true'}")).toBe(true);
    expect(run("${false == 'FALSE'}")).toBe(true);
    expect(run("${b == 'true'}", { b: false })).toBe(false);
    expect(runError("${true == 'yes'}").code).toBe('EXPRESSION_EVALUATION');
  });

  it('compares dates by time and data structurally', () => {
    const vars = {
      d1: new Date(1000),
      d2: new Date(1000),
      d3: new Date(2000),
      l1: [1, { a: 'x' }],
      l2: [1, { a: 'x' }],
      m1: { a: [1] },
      m2: { a: [2] },
    };
    expect(run('${d1 == d2}', vars)).toBe(true);
    expect(run('${d1 == d3}', vars)).toBe(false);
    expect(run('${l1 == l2}', vars)).toBe(true);
    expect(run('${m1 == m2}', vars)).toBe(false);
    expect(run("${m1 == 'x'}", vars)).toBe(false);
  });
});

describe('relational', () => {
  it('compares numbers with symbols and words', () => {
    expect(run('${1 < 2}')).toBe(true);
    expect(run('${2 lt 1}')).toBe(false);
    expect(run('${2 > 1}')).toBe(true);
    expect(run('${1 gt 1}')).toBe(false);
    expect(run('${1 <= 1}')).toBe(true);
    expect(run('${2 le 1}')).toBe(false);
    expect(run('${1 >= 1}')).toBe(true);
    expect(run('${0 ge 1}')).toBe(false);
  });

  it('compares numeric strings with numbers numerically, strings lexicographically', () => {
    expect(run("${'10' > 9}")).toBe(true);
    expect(run("${'10' > '9'}")).toBe(false);
    expect(run("${'apple' < 'banana'}")).toBe(true);
    expect(run("${'B' < 'a'}")).toBe(true);
  });

  it('compares dates', () => {
    const vars = { a: new Date(1000), b: new Date(2000) };
    expect(run('${a < b}', vars)).toBe(true);
    expect(run('${a >= b}', vars)).toBe(false);
  });

  it('yields false for null operands, except identical ones with <= and >=', () => {
    expect(run('${x < 1}', { x: null })).toBe(false);
    expect(run('${x > 1}', { x: null })).toBe(false);
    expect(run('${null <= null}')).toBe(true);
  });

  it('rejects incompatible types', () => {
    const vars = { d: new Date(0), m: {}, b: true };
    expect(runError("${d < 'x'}", vars).message).toContain('Cannot compare date with string');
    expect(runError('${d < 1}', vars).code).toBe('EXPRESSION_EVALUATION');
    expect(runError('${m > m2}', { ...vars, m2: {} }).code).toBe('EXPRESSION_EVALUATION');
    expect(runError('${b > false}', vars).code).toBe('EXPRESSION_EVALUATION');
    expect(runError("${'abc' < 1}").code).toBe('EXPRESSION_EVALUATION');
  });
});

describe('logic', () => {
  it('evaluates && and || ! not with their truth tables', () => {
    expect(run('${true && true}')).toBe(true);
    expect(run('${true and false}')).toBe(false);
    expect(run('${false || true}')).toBe(true);
    expect(run('${false or false}')).toBe(false);
    expect(run('${!true}')).toBe(false);
    expect(run('${not false}')).toBe(true);
    expect(run('${!!true}')).toBe(true);
  });

  it('binds && tighter than || and comparisons tighter than both', () => {
    expect(run('${true || false && false}')).toBe(true);
    expect(run('${(true || false) && false}')).toBe(false);
    expect(run('${1 < 2 && 2 < 3 || false}')).toBe(true);
    expect(run('${1 + 1 == 2 and not (3 < 2)}')).toBe(true);
  });

  it('coerces null and "true"/"false" strings like JUEL; rejects others', () => {
    expect(run("${'true' && s}", { s: 'TRUE' })).toBe(true);
    expect(run('${!x}', { x: null })).toBe(true);
    expect(runError('${1 && true}').code).toBe('EXPRESSION_EVALUATION');
    expect(runError("${'yes' || true}").code).toBe('EXPRESSION_EVALUATION');
  });

  it('short-circuits: the right side is not evaluated', () => {
    expect(run('${false && missing}')).toBe(false);
    expect(run('${true || missing.x}')).toBe(true);
    expect(run('${false && 1 / 0 == 1 && missing}')).toBe(false);
    expect(runError('${true && missing}').code).toBe('EXPRESSION_UNKNOWN_VARIABLE');
  });
});

describe('empty', () => {
  it('is true for null, "", [] and {}', () => {
    const vars = { n: null, s: '', l: [], m: {}, s2: 'a', l2: [0], m2: { a: null }, z: 0 };
    expect(run('${empty n}', vars)).toBe(true);
    expect(run('${empty s}', vars)).toBe(true);
    expect(run('${empty l}', vars)).toBe(true);
    expect(run('${empty m}', vars)).toBe(true);
    expect(run('${empty s2 || empty l2 || empty m2 || empty z}', vars)).toBe(false);
    expect(run('${!empty s2}', vars)).toBe(true);
    expect(run('${not empty m.a}', vars)).toBe(false);
  });
});

describe('ternary', () => {
  it('chooses a branch and evaluates only that branch', () => {
    expect(run("${x > 1 ? 'big' : 'small'}", { x: 2 })).toBe('big');
    expect(run("${x > 1 ? 'big' : 'small'}", { x: 1 })).toBe('small');
    expect(run('${true ? 1 : missing}')).toBe(1);
    expect(run('${false ? 1 : false ? 2 : 3}')).toBe(3);
    expect(run('${a || b ? 1 + 1 : 0}', { a: false, b: true })).toBe(2);
  });

  it('requires a boolean-like condition', () => {
    expect(runError("${1 ? 'a' : 'b'}").code).toBe('EXPRESSION_EVALUATION');
  });
});
