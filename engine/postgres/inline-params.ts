/**
 * Writes a parameterized statement as plain SQL text, so that it can travel in one simple-query
 * round trip after SQL that is still pending (BEGIN, a flush). Only plain values are inlined
 * (strings, finite numbers, booleans, null, arrays of strings), each as an escaped literal that
 * PostgreSQL types from its context like a parameter; anything else answers null and the
 * statement goes out on its own, with real parameters.
 */

/** The statement with `$n` replaced by literals, or null when a parameter is not plain. */
export function inlineParams(sql: string, params: readonly unknown[], escapeLiteral: (text: string) => string): string | null {
  const literals: string[] = [];
  for (const p of params) {
    const literal = plainLiteral(p, escapeLiteral);
    if (literal === null) return null;
    literals.push(literal);
  }
  let bad = false;
  const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    const literal = literals[Number(n) - 1];
    if (literal === undefined) bad = true;
    return literal ?? '';
  });
  return bad ? null : text;
}

function plainLiteral(value: unknown, escapeLiteral: (text: string) => string): string | null {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? escapeLiteral(String(value)) : null;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    const items = (value as string[]).map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
    return escapeLiteral(`{${items.join(',')}}`);
  }
  return null;
}
