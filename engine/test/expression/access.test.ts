import { describe, it, expect } from 'vitest';
import { ExpressionError } from '../../src/errors';
import { EXPRESSION_OBJECT, NOT_FOUND, compileExpression } from '../../src/expression';
import type { ExpressionObject } from '../../src/expression';
import { NOW, context, run, runError } from './helpers';

/** A fake `execution` exposing getVariable/setVariable and two properties. */
function fakeExecution(variables: Record<string, unknown>): ExpressionObject {
  return {
    [EXPRESSION_OBJECT]: true,
    callMethod(name, args) {
      const [first, second] = args;
      if (name === 'getVariable' && typeof first === 'string') return variables[first] ?? null;
      if (name === 'setVariable' && typeof first === 'string') {
        variables[first] = second;
        return null;
      }
      throw new ExpressionError('EXPRESSION_EVALUATION', `Method '${name}' is not allowed`, '');
    },
    getProperty(name) {
      if (name === 'id') return 'exec-1';
      if (name === 'processInstanceId') return 'pi-1';
      return NOT_FOUND;
    },
  };
}

describe('property and index access', () => {
  const vars = {
    order: { customer: { name: 'Ada' }, 'line-items': [{ sku: 'A1' }, { sku: 'B2' }], total: null },
    list: ['x', 'y'],
    key: 'customer',
    bare: Object.assign(Object.create(null) as object, { v: 1 }),
  };

  it('reads own properties with . and [..]', () => {
    expect(run('${order.customer.name}', vars)).toBe('Ada');
    expect(run("${order['customer']['name']}", vars)).toBe('Ada');
    expect(run('${order[key].name}', vars)).toBe('Ada');
    expect(run("${order['line-items'][1].sku}", vars)).toBe('B2');
    expect(run('${bare.v}', vars)).toBe(1);
    expect(run('${order.total}', vars)).toBeNull();
  });

  it('returns null for a missing map entry, as JUEL maps do', () => {
    expect(run('${order.missing}', vars)).toBeNull();
    expect(run('${order.missing == null}', vars)).toBe(true);
    expect(run('${order.toString}', vars)).toBeNull();
    expect(run('${order.hasOwnProperty}', vars)).toBeNull();
  });

  it('indexes lists by integer, null when out of bounds', () => {
    expect(run('${list[0]}', vars)).toBe('x');
    expect(run("${list['1']}", vars)).toBe('y');
    expect(run('${list[1 + 0]}', vars)).toBe('y');
    expect(run('${list[5]}', vars)).toBeNull();
    expect(run('${list[-1]}', vars)).toBeNull();
    expect(run('${list[null]}', vars)).toBeNull();
    expect(runError("${list['a']}", vars).code).toBe('EXPRESSION_EVALUATION');
  });

  it('has no length property on lists (use size())', () => {
    expect(runError('${list.length}', vars).message).toContain('size()');
    expect(run('${list.size()}', vars)).toBe(2);
  });

  it('fails clearly on null and on values without properties', () => {
    const error = runError('${a.b}', { a: null });
    expect(error.code).toBe('EXPRESSION_EVALUATION');
    expect(error.message).toBe("Cannot read property 'b' of null in expression '${a.b}'");
    expect(error.expression).toBe('${a.b}');
    expect(runError("${a['b']}", { a: null }).code).toBe('EXPRESSION_EVALUATION');
    expect(runError("${'abc'.length}").message).toContain("Cannot read property 'length' of string");
    expect(runError('${d.time}', { d: new Date() }).code).toBe('EXPRESSION_EVALUATION');
    expect(runError('${m.size}', { m: new Map() }).code).toBe('EXPRESSION_EVALUATION');
  });

  it('refuses getters and function-valued properties', () => {
    const withGetter = Object.defineProperty({}, 'secret', { get: () => 'leak', enumerable: true });
    expect(runError('${o.secret}', { o: withGetter }).code).toBe('EXPRESSION_EVALUATION');
    expect(runError('${o.fn}', { o: { fn: () => 1 } }).code).toBe('EXPRESSION_EVALUATION');
  });
});

describe('methods', () => {
  it('supports the string allow-list', () => {
    const s = { s: '  Hello World ' };
    expect(run('${s.length()}', s)).toBe(14);
    expect(run('${s.size()}', s)).toBe(14);
    expect(run("${''.isEmpty()}")).toBe(true);
    expect(run("${s.contains('World')}", s)).toBe(true);
    expect(run("${s.trim().startsWith('Hello')}", s)).toBe(true);
    expect(run("${s.trim().endsWith('World')}", s)).toBe(true);
    expect(run('${s.trim().toUpperCase()}', s)).toBe('HELLO WORLD');
    expect(run('${s.trim().toLowerCase()}', s)).toBe('hello world');
    expect(run("${'ab'.equals('ab')}")).toBe(true);
    expect(run("${'1'.equals(1)}")).toBe(false);
    expect(run("${'AbC'.equalsIgnoreCase('aBc')}")).toBe(true);
    expect(run("${'abc'.equalsIgnoreCase(null)}")).toBe(false);
    expect(run("${'abcdef'.substring(2)}")).toBe('cdef');
    expect(run("${'abcdef'.substring(1, 3)}")).toBe('bc');
    expect(run("${'abcabc'.indexOf('c')}")).toBe(2);
    expect(run("${'a1'.contains(1)}")).toBe(true);
  });

  it('rejects bad string method arguments', () => {
    expect(runError("${'abc'.substring(2, 1)}").message).toContain('out of range');
    expect(runError("${'abc'.substring(5)}").code).toBe('EXPRESSION_EVALUATION');
    expect(runError("${'abc'.contains()}").message).toContain('expects 1 argument(s) but got 0');
    expect(runError("${'abc'.trim(1)}").code).toBe('EXPRESSION_EVALUATION');
    expect(runError("${'abc'.contains(null)}").code).toBe('EXPRESSION_EVALUATION');
  });

  it('supports the list allow-list', () => {
    const vars = { l: [1, 'two', { three: 3 }], e: [] };
    expect(run('${l.size()}', vars)).toBe(3);
    expect(run('${e.isEmpty()}', vars)).toBe(true);
    expect(run("${l.contains('two')}", vars)).toBe(true);
    expect(run("${l.contains('1')}", vars)).toBe(false);
    expect(run('${l.contains(x)}', { ...vars, x: { three: 3 } })).toBe(true);
    expect(run('${l.get(1)}', vars)).toBe('two');
    expect(runError('${l.get(3)}', vars).message).toContain('out of bounds');
  });

  it('supports the map allow-list', () => {
    const vars = { m: { a: 1, b: null } };
    expect(run('${m.size()}', vars)).toBe(2);
    expect(run('${m.isEmpty()}', vars)).toBe(false);
    expect(run("${m.containsKey('b')}", vars)).toBe(true);
    expect(run("${m.containsKey('toString')}", vars)).toBe(false);
    expect(run("${m.get('a')}", vars)).toBe(1);
    expect(run("${m.get('zzz')}", vars)).toBeNull();
  });

  it('supports number and date methods', () => {
    const vars = { n: 7.9, neg: -7.9, a: new Date(1000), b: new Date(2000) };
    expect(run('${n.intValue()}', vars)).toBe(7);
    expect(run('${neg.longValue()}', vars)).toBe(-7);
    expect(run('${n.doubleValue()}', vars)).toBe(7.9);
    expect(run('${a.getTime()}', vars)).toBe(1000);
    expect(run('${a.before(b)}', vars)).toBe(true);
    expect(run('${a.after(b)}', vars)).toBe(false);
    expect(runError('${a.before(1)}', vars).code).toBe('EXPRESSION_EVALUATION');
  });

  it('rejects methods outside the allow-lists', () => {
    expect(runError("${'a'.replace('a', 'b')}").message).toContain("Method 'replace' is not allowed");
    expect(runError('${l.push(1)}', { l: [] }).message).toContain("Method 'push' is not allowed");
    expect(runError('${m.keys()}', { m: {} }).message).toContain("Method 'keys' is not allowed");
    expect(runError('${b.valueOf()}', { b: true }).message).toContain("Method 'valueOf' is not allowed");
    expect(runError('${x.foo()}', { x: null }).message).toContain("Cannot call method 'foo' on null");
  });
});

describe('functions', () => {
  it('now() and dateTime() return the injected clock', () => {
    const clock = new Date('2030-01-01T00:00:00.000Z');
    expect(compileExpression('${now()}').evaluate(context({}, clock))).toBe(clock);
    expect(run('${dateTime()}')).toBe(NOW);
    expect(run('${now().getTime() > 0}')).toBe(true);
    expect(run('${due < now()}', { due: new Date('2024-04-30T00:00:00Z') })).toBe(true);
    expect(run('Today is ${now()}')).toBe('Today is 2024-05-01T12:00:00.000Z');
  });

  it('rejects other functions and arguments', () => {
    expect(runError('${foo()}').code).toBe('EXPRESSION_EVALUATION');
    expect(runError("${require('fs')}").message).toContain("Unknown function 'require()'");
    expect(runError('${now(1)}').code).toBe('EXPRESSION_EVALUATION');
  });
});

describe('ExpressionObject', () => {
  it('calls allowed methods and reads allowed properties', () => {
    const execution = fakeExecution({ amount: 1200, approver: 'ada' });
    const vars = { execution };
    expect(run("${execution.getVariable('amount') > 1000}", vars)).toBe(true);
    expect(run("${execution.getVariable('approver').toUpperCase()}", vars)).toBe('ADA');
    expect(run('${execution.id}', vars)).toBe('exec-1');
    expect(run("${execution['processInstanceId']}", vars)).toBe('pi-1');
    expect(run("${execution.getVariable('missing') == null}", vars)).toBe(true);
  });

  it('reports unknown methods and properties with the expression attached', () => {
    const vars = { execution: fakeExecution({}) };
    const error = runError('${execution.getProcessEngine()}', vars);
    expect(error.code).toBe('EXPRESSION_EVALUATION');
    expect(error.expression).toBe('${execution.getProcessEngine()}');
    expect(error.message).toContain("Method 'getProcessEngine' is not allowed");
    expect(runError('${execution.secret}', vars).message).toContain("Property 'secret' is not available");
    expect(runError('${execution.constructor}', vars).message).toContain("'constructor' is forbidden");
    expect(runError('text ${execution}', vars).code).toBe('EXPRESSION_EVALUATION');
  });
});
