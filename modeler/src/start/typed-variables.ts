/**
 * Typed variables as the analyst enters them (name, type, text) → Camunda's wire format,
 * with a clear error per row instead of a server round trip for obvious mistakes.
 */
import type { VariablesDto } from '../../../api/client';

/** Variable types offered in the start form (Camunda's names). */
export const VARIABLE_TYPES = ['String', 'Integer', 'Long', 'Double', 'Boolean', 'Date', 'Json'] as const;

/** One of the offered types. */
export type VariableTypeName = (typeof VARIABLE_TYPES)[number];

/** A row of the variables editor. */
export interface VariableRow {
  readonly name: string;
  readonly type: VariableTypeName;
  readonly value: string;
}

/** The conversion result: the wire map, or the problems by row index. */
export type VariablesResult = { ok: true; variables: VariablesDto } | { ok: false; errors: Array<{ row: number; message: string }> };

const INT32 = [-2147483648, 2147483647] as const;

function convert(row: VariableRow): { value: unknown } | { error: string } {
  const text = row.value.trim();
  switch (row.type) {
    case 'String':
      return { value: row.value };
    case 'Integer':
    case 'Long': {
      if (!/^-?\d+$/.test(text)) return { error: `'${row.value}' is not a whole number` };
      const n = Number(text);
      if (row.type === 'Integer' && (n < INT32[0] || n > INT32[1])) return { error: `${text} is outside the Integer range; use Long` };
      if (!Number.isSafeInteger(n)) return { error: `${text} is too large` };
      return { value: n };
    }
    case 'Double': {
      const n = Number(text);
      return text === '' || !Number.isFinite(n) ? { error: `'${row.value}' is not a number` } : { value: n };
    }
    case 'Boolean':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { error: `'${row.value}' is not true or false` };
    case 'Date':
      return Number.isNaN(Date.parse(text)) ? { error: `'${row.value}' is not a date (e.g. 2025-01-31T12:00:00)` } : { value: text };
    case 'Json':
      try {
        JSON.parse(text);
        return { value: text };
      } catch {
        return { error: `'${row.value}' is not valid JSON` };
      }
  }
}

/** Converts rows (blank rows are skipped) to Camunda's `{ name: { value, type } }`. */
export function toVariables(rows: readonly VariableRow[]): VariablesResult {
  const variables: VariablesDto = {};
  const errors: Array<{ row: number; message: string }> = [];
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (!name && !row.value.trim()) return;
    if (!name) return errors.push({ row: i, message: 'Give the variable a name' });
    if (Object.hasOwn(variables, name)) return errors.push({ row: i, message: `'${name}' is given twice` });
    const result = convert(row);
    if ('error' in result) return errors.push({ row: i, message: `${name}: ${result.error}` });
    variables[name] = { value: result.value, type: row.type, valueInfo: {} };
    return undefined;
  });
  return errors.length ? { ok: false, errors } : { ok: true, variables };
}
