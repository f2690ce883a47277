import { afterEach, describe, it, expect } from 'vitest';
import { ExpressionError } from '../../src/errors';
import { compileExpression, evaluateExpression } from '../../src/expression';
import { context, errorOf } from './helpers';

const globals = globalThis as Record<string, unknown>;

/** Compiles and evaluates; every attack must end in an ExpressionError. */
function attack(source: string, vars: Record<string, unknown> = {}): ExpressionError {
  return errorOf(() => evaluateExpression(source, context(vars)));
}

describe('hostile expressions', () => {
  afterEach(() => {
    delete globals['pwned'];
  });

  it('cannot reach the Function constructor through a string', () => {
    const error = attack("${''.constructor.constructor('return process')()}");
    expect(error.code).toBe('EXPRESSION_SYNTAX');
    const noCall = attack("${''.constructor.constructor('globalThis.pwned = 1')}");
    expect(noCall.code).toBe('EXPRESSION_EVALUATION');
    expect(noCall.message).toContain("Access to 'constructor' is forbidden");
    expect(globals['pwned']).toBeUndefined();
  });

  it('refuses __proto__, constructor and prototype in every position', () => {
    const vars = { a: { x: 1 }, l: [1], k: '__proto__' };
    for (const source of [
      '${a.__proto__}',
      "${a['constructor']}",
      "${a['__proto__']['polluted']}",
      '${a.prototype}',
      '${a[k]}',
      "${a.get('constructor')}",
      "${a.containsKey('__proto__')}",
      "${l['constructor']}",
      '${a.constructor()}',
      '${constructor}',
      '${__proto__}',
    ]) {
      const error = attack(source, vars);
      expect(error.code, source).toBe('EXPRESSION_EVALUATION');
      expect(error.message, source).toContain('is forbidden');
    }
  });

  it('never calls methods a value happens to have', () => {
    let called = false;
    const sneaky = { toString: () => ((called = true), 'x'), valueOf: () => ((called = true), 1) };
    expect(attack('${x.toString()}', { x: sneaky }).message).toContain("Method 'toString' is not allowed");
    expect(attack('${x.valueOf()}', { x: sneaky }).code).toBe('EXPRESSION_EVALUATION');
    expect(attack('${x.toString()}', { x: { a: 1 } }).code).toBe('EXPRESSION_EVALUATION');
    expect(attack('${x.toString()}', { x: 'abc' }).code).toBe('EXPRESSION_EVALUATION');
    expect(attack('${x.hasOwnProperty("a")}', { x: {} }).code).toBe('EXPRESSION_EVALUATION');
    expect(attack('${x + 1}', { x: sneaky }).code).toBe('EXPRESSION_EVALUATION');
    expect(called).toBe(false);
  });

  it('does not expose class instances, functions or globals', () => {
    class Service {
      secret = 'hidden';
      run(): string {
        globals['pwned'] = true;
        return 'ran';
      }
    }
    const vars = { svc: new Service(), fn: () => (globals['pwned'] = true) };
    expect(attack('${svc.secret}', vars).code).toBe('EXPRESSION_EVALUATION');
    expect(attack('${svc.run()}', vars).code).toBe('EXPRESSION_EVALUATION');
    expect(attack('${fn()}', vars).code).toBe('EXPRESSION_EVALUATION');
    expect(attack('${fn.call(null)}', vars).code).toBe('EXPRESSION_EVALUATION');
    expect(globals['pwned']).toBeUndefined();
  });

  it('treats process, this and globalThis as unknown variables', () => {
    for (const name of ['process', 'this', 'globalThis', 'require', 'window']) {
      const error = attack(`\${${name}}`);
      expect(error.code).toBe('EXPRESSION_UNKNOWN_VARIABLE');
      expect(error.message).toContain(`Unknown variable '${name}'`);
    }
  });

  it('does not pollute Object.prototype through JSON-parsed data', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(attack('${d.__proto__.polluted}', { d: data }).code).toBe('EXPRESSION_EVALUATION');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects deep nesting and huge inputs at compile time', () => {
    expect(errorOf(() => compileExpression(`\${${'('.repeat(10_000)}}`)).code).toBe('EXPRESSION_SYNTAX');
    expect(errorOf(() => compileExpression(`\${${'(('.repeat(2000)}1${'))'.repeat(2000)}}`)).code).toBe(
      'EXPRESSION_SYNTAX',
    );
    const huge = `\${${'a'.repeat(20_000)}}`;
    expect(errorOf(() => compileExpression(huge)).code).toBe('EXPRESSION_SYNTAX');
    expect(attack(huge).code).toBe('EXPRESSION_SYNTAX');
  });

  it('does not execute code in text or string literals', () => {
    expect(evaluateExpression("${'${globalThis.pwned = 1}'}", context())).toBe('${globalThis.pwned = 1}');
    expect(evaluateExpression('`${1}` + eval', context())).toBe('`1` + eval');
    expect(globals['pwned']).toBeUndefined();
  });
});
