import { describe, expect, it } from 'vitest';
import { toVariables } from '../src/start/typed-variables';

describe('toVariables', () => {
  it('converts each type to Camunda wire values', () => {
    const r = toVariables([
      { name: 'amount', type: 'Double', value: '12.5' },
      { name: 'count', type: 'Integer', value: '3' },
      { name: 'big', type: 'Long', value: '3000000000' },
      { name: 'ok', type: 'Boolean', value: 'true' },
      { name: 'text', type: 'String', value: ' keep spaces ' },
      { name: 'due', type: 'Date', value: '2025-01-31T12:00:00' },
      { name: 'data', type: 'Json', value: '{"a":1}' },
    ]);
    expect(r).toEqual({ ok: true, variables: {
      amount: { value: 12.5, type: 'Double', valueInfo: {} }, count: { value: 3, type: 'Integer', valueInfo: {} },
      big: { value: 3000000000, type: 'Long', valueInfo: {} }, ok: { value: true, type: 'Boolean', valueInfo: {} },
      text: { value: ' keep spaces ', type: 'String', valueInfo: {} }, due: { value: '2025-01-31T12:00:00', type: 'Date', valueInfo: {} },
      data: { value: '{"a":1}', type: 'Json', valueInfo: {} },
    } });
  });

  it('skips blank rows and reports bad rows by index', () => {
    const r = toVariables([
      { name: '', type: 'String', value: '' },
      { name: 'n', type: 'Integer', value: '1.5' },
      { name: 'i', type: 'Integer', value: '3000000000' },
      { name: 'b', type: 'Boolean', value: 'yes' },
      { name: '', type: 'String', value: 'orphan' },
      { name: 'j', type: 'Json', value: '{' },
      { name: 'n', type: 'String', value: 'dup' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.row)).toEqual([1, 2, 3, 4, 5]);
    expect(r.errors[1]!.message).toMatch(/Long/);
  });

  it('reports a name given twice', () => {
    const r = toVariables([{ name: 'x', type: 'String', value: 'a' }, { name: 'x', type: 'String', value: 'b' }]);
    expect(r).toEqual({ ok: false, errors: [{ row: 1, message: "'x' is given twice" }] });
  });
});
