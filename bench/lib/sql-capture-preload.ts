/**
 * Preloaded into the REST server child (`--import` after tsx) when BENCH_SQL_CAPTURE names a
 * file: wraps pg's Client#query. SIGUSR2 switches capturing on; the next SIGUSR2 switches it
 * off and appends to the file (JSON lines) every statement shape seen while on
 * (`{"first": {key, sql, params}}`, for EXPLAIN) and `{"snapshot": {key: {count, ms}}}` (round
 * trips and their cost). Off, the wrapper costs one boolean check, so measured runs are not
 * slowed. The server's code is not touched: the bench sees the exact SQL the API runs.
 */
import { appendFileSync } from 'node:fs';
import pg from 'pg';
import { statementKey } from './sql-trace';
import type { BatchStatement } from '@baton/engine/postgres';
import { timedQuery, type QueryFn } from './query-hook';

const file = process.env.BENCH_SQL_CAPTURE;

function install(out: string): void {
  let on = false;
  let firsts = new Map<string, { sql: string; params: unknown; batch?: readonly BatchStatement[] }>();
  let counts = new Map<string, { count: number; ms: number }>();
  const record = (sql: string, params: unknown, t0: number, batch?: readonly BatchStatement[]) => {
    const key = statementKey(sql);
    const c = counts.get(key) ?? { count: 0, ms: 0 };
    c.count++;
    c.ms += performance.now() - t0;
    counts.set(key, c);
    if (!firsts.has(key)) firsts.set(key, { sql, params, batch });
  };
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = timedQuery(original, record, () => on);
  process.on('SIGUSR2', () => {
    on = !on;
    if (on) return;
    const lines = [...firsts].map(([key, f]) => JSON.stringify({ first: { key, ...f } }));
    const snapshot = Object.fromEntries([...counts].map(([k, v]) => [k, { count: v.count, ms: Math.round(v.ms) }]));
    lines.push(JSON.stringify({ snapshot }));
    appendFileSync(out, `${lines.join('\n')}\n`);
    firsts = new Map();
    counts = new Map();
  });
}

if (file) install(file);
