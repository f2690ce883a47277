/**
 * Camunda's variable filters (`name_op_value`, e.g. `amount_gt_100`, and the JSON form
 * `{name, operator, value}`) as SQL over the `variable` table. Values are bind parameters;
 * a value that reads as a number compares numerically, `true`/`false` as booleans, anything
 * else as a string (Camunda's REST layer converts the same way).
 */
import { HttpError } from './error-mapping';
import type { SqlFilter } from './sql-filter';

/** One parsed variable condition. */
export interface VariableCondition {
  readonly name: string;
  readonly operator: 'eq' | 'neq' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'like' | 'notLike';
  readonly value: unknown;
}

const OPERATORS = new Set(['eq', 'neq', 'gt', 'gteq', 'lt', 'lteq', 'like', 'notLike']);

function bad(param: string, why: string): HttpError {
  return new HttpError(400, 'InvalidRequestException', `Cannot set query parameter '${param}': ${why}`);
}

function typed(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw;
}

/** Parses `a_eq_1,b_like_x%` (query form) or `[{name, operator, value}]` (JSON body form). */
export function parseVariableConditions(param: string, input: unknown): VariableCondition[] {
  if (input === undefined || input === null || input === '') return [];
  if (Array.isArray(input)) {
    return input.map((c: { name?: unknown; operator?: unknown; value?: unknown }) => {
      if (typeof c?.name !== 'string' || typeof c.operator !== 'string' || !OPERATORS.has(c.operator)) throw bad(param, 'each condition needs name, operator (eq, neq, gt, gteq, lt, lteq, like, notLike) and value');
      return { name: c.name, operator: c.operator as VariableCondition['operator'], value: c.value };
    });
  }
  if (typeof input !== 'string') throw bad(param, 'expected name_operator_value[,…]');
  return input.split(',').map((part) => {
    const m = /^(.+?)_(eq|neq|gteq|gt|lteq|lt|like|notLike)_(.*)$/.exec(part);
    if (!m) throw bad(param, `'${part}' is not name_operator_value`);
    return { name: m[1]!, operator: m[2] as VariableCondition['operator'], value: typed(m[3]) };
  });
}

/** SQL condition on the value of a `variable` row aliased `v`, binding its parameters. */
export function valueCondition(f: SqlFilter, c: VariableCondition): string {
  const p = (value: unknown) => f.next(value);
  switch (c.operator) {
    case 'eq':
      return `v.value = ${p(JSON.stringify(c.value))}::jsonb`;
    case 'neq':
      return `v.value <> ${p(JSON.stringify(c.value))}::jsonb`;
    case 'like':
      return `jsonb_typeof(v.value) = 'string' AND (v.value #>> '{}') LIKE ${p(String(c.value))}`;
    case 'notLike':
      return `jsonb_typeof(v.value) = 'string' AND (v.value #>> '{}') NOT LIKE ${p(String(c.value))}`;
    default: {
      const op = { gt: '>', gteq: '>=', lt: '<', lteq: '<=' }[c.operator];
      return typeof c.value === 'number'
        ? `jsonb_typeof(v.value) = 'number' AND (v.value #>> '{}')::numeric ${op} ${p(c.value)}::numeric`
        : `jsonb_typeof(v.value) = 'string' AND (v.value #>> '{}') ${op} ${p(String(c.value))}`;
    }
  }
}

/**
 * Adds one EXISTS condition per variable condition. `scope` is the SQL that ties the variable
 * row to the outer row, e.g. `v.process_instance_id = user_task.process_instance_id`; `table`:
 * `variable` (runtime) or `history_variable`.
 */
export function addVariableConditions(f: SqlFilter, conditions: readonly VariableCondition[], scope: string, table: 'variable' | 'history_variable' = 'variable'): void {
  for (const c of conditions) {
    const name = f.next(c.name);
    f.when(true, `EXISTS (SELECT 1 FROM ${table} v WHERE ${scope} AND v.name = ${name} AND ${valueCondition(f, c)})`);
  }
}
